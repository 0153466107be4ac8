using MultiModal.Matching.Attributes;
using MultiModal.Matching.Collection;
using MultiModal.Matching.Encoding;
using MultiModal.Matching.Storage;

namespace MultiModal.Matching;

public sealed partial class MultiModalCollection
{
    private CollectionStore? _store;

    /// <summary>Whether writes are refused (a collection opened read-only).</summary>
    public bool IsReadOnly => _store?.IsReadOnly ?? false;

    private void ThrowIfReadOnly()
    {
        if (IsReadOnly)
        {
            throw new InvalidOperationException($"The collection at '{Directory}' was opened read-only; open it read-write to change it.");
        }
    }

    /// <summary>
    /// Logs a batch of upserts durably (one fsync) before the in-memory state changes; returns the ids the store
    /// allocated, or null for an in-memory collection. The caller holds the write lock.
    /// </summary>
    private int[]? PersistUpserts(
        CollectionSchema schema, IReadOnlyList<(string Key, Dictionary<Modality, float[]> Vectors, IReadOnlyDictionary<string, AttributeValue> Attributes)> writes)
    {
        foreach (var write in writes)
        {
            ThrowIfStale(schema, write.Vectors.Keys);
        }

        if (_store is null)
        {
            return null;
        }

        var operations = new StoreOperation[writes.Count];
        for (int i = 0; i < operations.Length; i++)
        {
            operations[i] = StoreOperation.Upsert(writes[i].Key, SpaceVectors(schema, writes[i].Vectors), ToStored(writes[i].Attributes));
        }

        StoreOperationResult[] results = _store.Apply(operations);
        var ids = new int[results.Length];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = results[i].Id;
        }

        return ids;
    }

    private void PersistDelete(string key) => _store?.Delete(key);

    /// <summary>One vector per space, in schema order; empty where the item lacks the modality.</summary>
    private static ReadOnlyMemory<float>[] SpaceVectors(CollectionSchema schema, Dictionary<Modality, float[]> vectors)
    {
        var result = new ReadOnlyMemory<float>[schema.Modalities.Count];
        for (int s = 0; s < result.Length; s++)
        {
            if (vectors.TryGetValue(schema.Modalities[s].Modality, out float[]? vector))
            {
                result[s] = vector;
            }
        }

        return result;
    }

    private static KeyValuePair<string, AttributeValue>[] ToStored(IReadOnlyDictionary<string, AttributeValue> attributes) => [.. attributes];

    private static Dictionary<string, AttributeValue> FromStored(IReadOnlyList<KeyValuePair<string, AttributeValue>> stored) =>
        new(stored, StringComparer.Ordinal);

    private void DisposeStorage()
    {
        foreach (var index in _indexes.Values)
        {
            (index as IDisposable)?.Dispose();
        }

        (_joint as IDisposable)?.Dispose();
        _store?.Dispose();
    }
}
