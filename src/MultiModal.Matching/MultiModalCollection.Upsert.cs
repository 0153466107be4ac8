using MultiModal.Matching.Attributes;
using MultiModal.Matching.Collection;
using MultiModal.Matching.Encoding;

namespace MultiModal.Matching;

public sealed partial class MultiModalCollection
{
    private const int MaxKeyLength = 1024;

    /// <summary>Adds an item, or replaces the item with the same key (all its modalities and attributes).</summary>
    /// <param name="key">A non-empty key of at most 1,024 characters.</param>
    /// <param name="item">The item: at least one declared modality (raw inputs are encoded now) and attributes.</param>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="item"/> is null.</exception>
    /// <exception cref="ArgumentException">The key is empty or too long; the item has no modality, an undeclared one, a raw input
    /// without a suitable encoder, an embedding of the wrong dimension or with NaN/∞, or an attribute the schema does not declare
    /// or of the wrong type. Nothing is changed.</exception>
    /// <exception cref="InvalidOperationException">A modality awaits <see cref="ReindexModality{TInput}"/>, or the collection is read-only.</exception>
    /// <exception cref="ObjectDisposedException">The collection is disposed.</exception>
    /// <remarks>Durable when the call returns for a collection in a directory (the log record is flushed); visible to searches at once.</remarks>
    public void Upsert(string key, MultiModalItem item)
    {
        ThrowIfInvalidKey(key);
        ArgumentNullException.ThrowIfNull(item);
        ObjectDisposedException.ThrowIf(_disposed, this);
        CollectionSchema schema = Schema;
        ValidateItem(schema, item);
        Dictionary<Modality, float[]> vectors = InputEncoder.Encode(schema, item.Inputs, "item");
        using var write = WriteScope();
        int[]? ids = PersistUpserts(schema, [(key, vectors, item.Attributes)]);
        ApplyUpsert(schema, key, vectors, item.Attributes, ids?[0] ?? -1);
    }

    /// <summary>Adds or replaces an item, encoding its raw inputs asynchronously.</summary>
    /// <param name="key">A non-empty key of at most 1,024 characters.</param>
    /// <param name="item">The item.</param>
    /// <param name="cancellationToken">Cancels the encoding; once the item is being written it is written.</param>
    /// <returns>A task that completes when the item is stored.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="item"/> is null.</exception>
    /// <exception cref="ArgumentException">As for <see cref="Upsert"/>.</exception>
    /// <exception cref="InvalidOperationException">As for <see cref="Upsert"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before the write.</exception>
    /// <exception cref="ObjectDisposedException">The collection is disposed.</exception>
    public async Task UpsertAsync(string key, MultiModalItem item, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalidKey(key);
        ArgumentNullException.ThrowIfNull(item);
        ObjectDisposedException.ThrowIf(_disposed, this);
        CollectionSchema schema = Schema;
        ValidateItem(schema, item);
        Dictionary<Modality, float[]>[] vectors = await InputEncoder
            .EncodeManyAsync(schema, [item.Inputs], synchronous: false, "item", cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        using var write = WriteScope();
        int[]? ids = PersistUpserts(schema, [(key, vectors[0], item.Attributes)]);
        ApplyUpsert(schema, key, vectors[0], item.Attributes, ids?[0] ?? -1);
    }

    /// <summary>
    /// Adds or replaces many items, encoding each modality in batches of
    /// <see cref="MultiModalCollectionOptions.EncodeBatchSize"/> and writing batch by batch, so searches run in between.
    /// </summary>
    /// <param name="items">Keys and items; a key repeated in the batch ends with its last item.</param>
    /// <param name="progress">Receives <see cref="BulkProgress"/> after every batch.</param>
    /// <param name="cancellationToken">Checked between batches; batches already written stay written.</param>
    /// <returns>The number of items written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="items"/> is null.</exception>
    /// <exception cref="ArgumentException">An item is invalid (see <see cref="Upsert"/>); its batch is not written, earlier batches are.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The collection is disposed.</exception>
    public int UpsertBatch(
        IEnumerable<KeyValuePair<string, MultiModalItem>> items,
        IProgress<BulkProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        UpsertBatchCoreAsync(items, progress, synchronous: true, cancellationToken).GetAwaiter().GetResult();

    /// <summary>Adds or replaces many items, encoding asynchronously; see <see cref="UpsertBatch"/>.</summary>
    /// <param name="items">Keys and items.</param>
    /// <param name="progress">Receives <see cref="BulkProgress"/> after every batch.</param>
    /// <param name="cancellationToken">Checked between batches and passed to the encoders.</param>
    /// <returns>The number of items written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="items"/> is null.</exception>
    /// <exception cref="ArgumentException">An item is invalid; its batch is not written, earlier batches are.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The collection is disposed.</exception>
    public Task<int> UpsertBatchAsync(
        IEnumerable<KeyValuePair<string, MultiModalItem>> items,
        IProgress<BulkProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        UpsertBatchCoreAsync(items, progress, synchronous: false, cancellationToken);

    private async Task<int> UpsertBatchCoreAsync(
        IEnumerable<KeyValuePair<string, MultiModalItem>> items, IProgress<BulkProgress>? progress, bool synchronous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        ObjectDisposedException.ThrowIf(_disposed, this);
        int total = items.TryGetNonEnumeratedCount(out int n) ? n : -1;
        int written = 0;
        var batch = new List<KeyValuePair<string, MultiModalItem>>(_options.EncodeBatchSize);
        var started = System.Diagnostics.Stopwatch.StartNew();
        foreach (KeyValuePair<string, MultiModalItem> pair in items)
        {
            batch.Add(pair);
            if (batch.Count == _options.EncodeBatchSize)
            {
                written += await WriteBatchAsync(batch, synchronous, cancellationToken).ConfigureAwait(false);
                progress?.Report(new BulkProgress("upsert", written, total));
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            written += await WriteBatchAsync(batch, synchronous, cancellationToken).ConfigureAwait(false);
            progress?.Report(new BulkProgress("upsert", written, total));
        }

        CollectionLog.BulkUpsert(_logger, written, started.Elapsed.TotalMilliseconds);
        return written;
    }

    private async Task<int> WriteBatchAsync(List<KeyValuePair<string, MultiModalItem>> batch, bool synchronous, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        CollectionSchema schema = Schema;
        var inputs = new ModalityInputs[batch.Count];
        for (int i = 0; i < batch.Count; i++)
        {
            ThrowIfInvalidKey(batch[i].Key);
            ArgumentNullException.ThrowIfNull(batch[i].Value, "items");
            ValidateItem(schema, batch[i].Value);
            inputs[i] = batch[i].Value.Inputs;
        }

        Dictionary<Modality, float[]>[] vectors =
            await InputEncoder.EncodeManyAsync(schema, inputs, synchronous, "item", cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        var writes = new (string, Dictionary<Modality, float[]>, IReadOnlyDictionary<string, AttributeValue>)[batch.Count];
        for (int i = 0; i < batch.Count; i++)
        {
            writes[i] = (batch[i].Key, vectors[i], batch[i].Value.Attributes);
        }

        using var write = WriteScope();
        int[]? ids = PersistUpserts(schema, writes);
        for (int i = 0; i < batch.Count; i++)
        {
            ApplyUpsert(schema, batch[i].Key, vectors[i], batch[i].Value.Attributes, ids?[i] ?? -1);
        }

        return batch.Count;
    }

    private void ValidateItem(CollectionSchema schema, MultiModalItem item)
    {
        IReadOnlySet<Modality> stale;
        using (ReadScope())
        {
            stale = _stale.Count == 0 ? s_noModalities : new HashSet<Modality>(_stale);
        }

        InputEncoder.Validate(schema, stale, item.Inputs, "item");
        _attributes.Validate(item.Attributes);
    }

    /// <summary>
    /// Checks, under the write lock and before anything is persisted, that the items were validated against the
    /// current schema and use no modality that awaits re-indexing.
    /// </summary>
    private void ThrowIfStale(CollectionSchema schema, IEnumerable<Modality> modalities)
    {
        ThrowIfReadOnly();
        if (!ReferenceEquals(schema, _schema))
        {
            throw new InvalidOperationException("The collection's schema changed (ReindexModality) while the item was being encoded; upsert it again.");
        }

        foreach (Modality modality in modalities)
        {
            if (_stale.Contains(modality))
            {
                throw new InvalidOperationException($"Modality '{modality}' awaits ReindexModality; it cannot be written until then.");
            }
        }
    }

    /// <summary>
    /// Applies one validated, encoded, persisted item to the in-memory state; the caller holds the write lock.
    /// <paramref name="storeId"/> is the id the store allocated, or −1 for an in-memory collection.
    /// </summary>
    private void ApplyUpsert(CollectionSchema schema, string key, Dictionary<Modality, float[]> vectors, IReadOnlyDictionary<string, AttributeValue> attributes, int storeId)
    {
        _ = schema;
        if (_keys.TryGetId(key, out int old))
        {
            RemoveCore(key, old);
        }

        int id;
        if (storeId >= 0)
        {
            _keys.Assign(key, storeId);
            id = storeId;
        }
        else
        {
            id = _keys.Assign(key);
        }

        foreach (var (modality, vector) in vectors)
        {
            _indexes[modality].Add(id, vector);
        }

        if (_joint is not null && JointVector(vectors) is { } joint)
        {
            _joint.Add(id, joint);
        }

        _attributes.Write(id, attributes);
    }

    private static void ThrowIfInvalidKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == 0 || key.Length > MaxKeyLength)
        {
            throw new ArgumentException($"A key has 1 to {MaxKeyLength} characters; got {key.Length}.", nameof(key));
        }
    }

    private static readonly HashSet<Modality> s_noModalities = [];
}
