using MultiModal.Matching.Attributes;

namespace MultiModal.Matching.Storage;

/// <summary>What a <see cref="StoreOperation"/> does.</summary>
internal enum StoreOperationKind : byte
{
    /// <summary>Adds an item, or replaces the item with the same key (which gets a new internal id).</summary>
    Upsert = 1,

    /// <summary>Deletes the item with the key, if any.</summary>
    Delete = 2,
}

/// <summary>
/// One write to a <see cref="CollectionStore"/>: an upsert (key, one optional vector per space,
/// attributes) or a delete (key). A batch of them is logged as one record and applied atomically.
/// </summary>
internal readonly struct StoreOperation
{
    private StoreOperation(StoreOperationKind kind, string key, ReadOnlyMemory<float>[]? vectors, IReadOnlyList<KeyValuePair<string, AttributeValue>>? attributes)
    {
        Kind = kind;
        Key = key;
        Vectors = vectors ?? [];
        Attributes = attributes ?? AttributeCodec.Empty;
    }

    /// <summary>Upsert or delete.</summary>
    public StoreOperationKind Kind { get; }

    /// <summary>The item's external key.</summary>
    public string Key { get; }

    /// <summary>The vector of each space, by space index; an empty entry (or a missing tail) means the item has no vector in that space.</summary>
    public ReadOnlyMemory<float>[] Vectors { get; }

    /// <summary>The item's attributes (upserts only).</summary>
    public IReadOnlyList<KeyValuePair<string, AttributeValue>> Attributes { get; }

    /// <summary>An upsert of <paramref name="key"/> with a vector per space (by index; empty = absent) and attributes.</summary>
    public static StoreOperation Upsert(string key, ReadOnlyMemory<float>[] vectors, IReadOnlyList<KeyValuePair<string, AttributeValue>>? attributes = null) =>
        new(StoreOperationKind.Upsert, key, vectors, attributes);

    /// <summary>A delete of <paramref name="key"/>.</summary>
    public static StoreOperation Delete(string key) => new(StoreOperationKind.Delete, key, null, null);

    /// <summary>The vector for space <paramref name="spaceIndex"/>, empty when absent.</summary>
    public ReadOnlySpan<float> VectorFor(int spaceIndex) => spaceIndex < Vectors.Length ? Vectors[spaceIndex].Span : default;
}

/// <summary>What applying one <see cref="StoreOperation"/> did, so that indexes can follow.</summary>
/// <param name="Id">The new internal id of an upserted item; for a delete, the removed id; −1 when a delete found nothing.</param>
/// <param name="ReplacedId">For an upsert that replaced an item, the old id (now deleted); otherwise −1.</param>
internal readonly record struct StoreOperationResult(int Id, int ReplacedId);
