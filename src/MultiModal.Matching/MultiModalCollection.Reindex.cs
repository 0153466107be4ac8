using System.Diagnostics;
using MultiModal.Matching.Collection;
using MultiModal.Matching.Encoding;
using MultiModal.Matching.Indexing;
using MultiModal.Matching.Storage;

namespace MultiModal.Matching;

public sealed partial class MultiModalCollection
{
    /// <summary>
    /// Re-encodes one modality with a (new) encoder from inputs you supply, and rebuilds its index and the
    /// joint space. This is the way to switch a modality's encoder, and the way to bring back a modality
    /// that was opened with <see cref="EncoderMismatchHandling.AllowReindex"/>.
    /// </summary>
    /// <typeparam name="TInput">The encoder's input type.</typeparam>
    /// <param name="encoder">The encoder; its modality must be declared. Its dimension may differ from the old one.</param>
    /// <param name="inputs">The raw input per item key. Keys that are not in the collection are skipped; items without an
    /// input lose this modality.</param>
    /// <param name="progress">Receives <see cref="BulkProgress"/> while encoding and while indexing.</param>
    /// <param name="cancellationToken">Checked between encoder batches; a cancelled re-index changes nothing.</param>
    /// <returns>The number of items that have the modality afterwards.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="encoder"/> or <paramref name="inputs"/> is null.</exception>
    /// <exception cref="ArgumentException">The encoder's modality is not declared, a key is repeated, or an input is invalid.</exception>
    /// <exception cref="InvalidOperationException">The collection is read-only.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The collection is disposed.</exception>
    /// <remarks>Searches keep running on the old index while the inputs are encoded; the swap is one exclusive step.</remarks>
    public int ReindexModality<TInput>(
        IEncoder<TInput> encoder,
        IEnumerable<KeyValuePair<string, TInput>> inputs,
        IProgress<BulkProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(inputs);
        ObjectDisposedException.ThrowIf(_disposed, this);
        ThrowIfReadOnly();
        Modality modality = encoder.Modality;
        _ = Schema.Get(modality);
        string operation = $"reindex {modality}";
        var started = Stopwatch.StartNew();

        // Encode everything first, outside the lock: nothing changes if this fails or is cancelled.
        var keys = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var vectors = new List<float[]>();
        var batch = new List<TInput>(_options.EncodeBatchSize);
        int total = inputs.TryGetNonEnumeratedCount(out int n) ? n : -1;
        foreach (var (key, input) in inputs)
        {
            ThrowIfInvalidKey(key);
            if (!seen.Add(key))
            {
                throw new ArgumentException($"Key '{key}' appears twice in the re-index inputs.", nameof(inputs));
            }

            keys.Add(key);
            batch.Add(input);
            if (batch.Count == _options.EncodeBatchSize)
            {
                EncodeReindexBatch(encoder, batch, vectors, cancellationToken);
                progress?.Report(new BulkProgress(operation, vectors.Count, total));
            }
        }

        EncodeReindexBatch(encoder, batch, vectors, cancellationToken);
        progress?.Report(new BulkProgress(operation, vectors.Count, total));

        using var write = WriteScope();
        ThrowIfReadOnly();
        CollectionSchema schema = _schema.WithReplacedEncoder(encoder);
        int indexed = _store is null
            ? ReindexInMemory(schema, modality, keys, vectors)
            : ReindexStored(schema, modality, keys, vectors);

        // Scores of the new encoder follow another distribution: a calibration fitted on the old one no longer applies.
        _calibration = null;
        if (Directory is not null)
        {
            File.Delete(Path.Combine(Directory, CalibrationFileName));
        }

        _source = BuildSource();
        CollectionLog.Reindexed(_logger, modality.Name, encoder.Identity.ToString(), indexed, started.Elapsed.TotalMilliseconds);
        return indexed;
    }

    /// <summary>Swaps in a fresh index for the modality; the caller holds the write lock.</summary>
    private int ReindexInMemory(CollectionSchema schema, Modality modality, List<string> keys, List<float[]> vectors)
    {
        ModalityDefinition definition = schema.Get(modality);
        IVectorIndex index = IndexFactory.Create(definition.Dimension, definition.Metric, definition.Index, _options.Seed);
        int indexed = 0;
        for (int i = 0; i < keys.Count; i++)
        {
            if (_keys.TryGetId(keys[i], out int id))
            {
                index.Add(id, vectors[i]);
                indexed++;
            }
        }

        (_indexes[modality] as IDisposable)?.Dispose();
        _indexes[modality] = index;
        _schema = schema;
        _stale.Remove(modality);
        if (schema.Joint is not null && schema.Joint.Weights.Any(w => w.Key == modality))
        {
            RebuildJoint(schema);
        }

        return indexed;
    }

    /// <summary>
    /// Rewrites every item through the store with the modality's new vectors (marking the modality pending in
    /// collection.json meanwhile, so that a crash half-way leaves it awaiting a re-index rather than mixed), then
    /// rebuilds the in-memory state from the store. The caller holds the write lock.
    /// </summary>
    private int ReindexStored(CollectionSchema schema, Modality modality, List<string> keys, List<float[]> vectors)
    {
        CollectionStore store = _store!;
        int space = schema.Modalities.ToList().FindIndex(m => m.Modality == modality);
        if (store.Spaces[space].Dimension != schema.Modalities[space].Dimension)
        {
            throw new ArgumentException(
                $"The new '{modality}' encoder produces {schema.Modalities[space].Dimension} dimensions; the collection at '{Directory}' stores " +
                $"{store.Spaces[space].Dimension}. A collection in a directory can only be re-indexed with an encoder of the same dimension.", "encoder");
        }

        var byKey = new Dictionary<string, float[]>(keys.Count, StringComparer.Ordinal);
        for (int i = 0; i < keys.Count; i++)
        {
            byKey[keys[i]] = vectors[i];
        }

        CollectionManifest.FromSchema(schema, new HashSet<Modality> { modality }).Write(Directory!);
        var operations = new List<StoreOperation>(1024);
        var live = new List<(string Key, int Id)>(_keys.Count);
        for (int id = 0; id < _keys.IdRange; id++)
        {
            if (!_keys.IsLive(id))
            {
                continue;
            }

            string key = _keys.KeyOf(id);
            live.Add((key, id));
            var spaceVectors = new ReadOnlyMemory<float>[schema.Modalities.Count];
            for (int s = 0; s < spaceVectors.Length; s++)
            {
                if (s == space)
                {
                    spaceVectors[s] = byKey.TryGetValue(key, out float[]? vector) ? vector : default;
                }
                else if (store.HasVector(s, id))
                {
                    var copy = new float[store.Spaces[s].Dimension];
                    store.TryCopyVector(s, id, copy);
                    spaceVectors[s] = copy;
                }
            }

            operations.Add(StoreOperation.Upsert(key, spaceVectors, store.GetAttributes(id)));
            if (operations.Count == 1024)
            {
                store.Apply(operations.ToArray());
                operations.Clear();
            }
        }

        if (operations.Count > 0)
        {
            store.Apply(operations.ToArray());
        }

        foreach (var (key, id) in live)
        {
            _attributes.Clear(id);
            _keys.Retire(key, id);
        }

        _schema = schema;
        _stale.Remove(modality);
        foreach (ModalityDefinition definition in schema.Modalities)
        {
            (_indexes[definition.Modality] as IDisposable)?.Dispose();
            _indexes[definition.Modality] = IndexFactory.Create(definition.Dimension, definition.Metric, definition.Index, _options.Seed);
        }

        File.Delete(Path.Combine(Directory!, CalibrationFileName));
        LoadFromStore(progress: null, CancellationToken.None);
        CollectionManifest.FromSchema(schema).Write(Directory!);
        return _indexes[modality].Count;
    }

    private static void EncodeReindexBatch<TInput>(IEncoder<TInput> encoder, List<TInput> batch, List<float[]> vectors, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var embeddings = encoder.GenerateAsync(batch, cancellationToken: cancellationToken).GetAwaiter().GetResult();
        if (embeddings.Count != batch.Count)
        {
            throw new InvalidOperationException($"Encoder {encoder.Identity} returned {embeddings.Count} embeddings for {batch.Count} inputs.");
        }

        foreach (var embedding in embeddings)
        {
            float[] vector = embedding.Vector.ToArray();
            if (vector.Length != encoder.Dimension || !Array.TrueForAll(vector, float.IsFinite))
            {
                throw new InvalidOperationException($"Encoder {encoder.Identity} returned an embedding of {vector.Length} values (declared {encoder.Dimension}) or with NaN/∞.");
            }

            vectors.Add(vector);
        }

        batch.Clear();
    }

    /// <summary>Rebuilds the joint index from the per-modality indexes; the caller holds the write lock.</summary>
    private void RebuildJoint(CollectionSchema schema)
    {
        (_joint as IDisposable)?.Dispose();
        _jointLayout = CreateJointLayout(schema);
        IVectorIndex joint = IndexFactory.Create(_jointLayout.Dimension, DistanceMetric.DotProduct, schema.Joint!.Index, _options.Seed);
        for (int id = 0; id < _keys.IdRange; id++)
        {
            if (!_keys.IsLive(id))
            {
                continue;
            }

            var vectors = new Dictionary<Modality, float[]>();
            foreach (var (modality, _) in schema.Joint.Weights)
            {
                IVectorIndex index = _indexes[modality];
                var vector = new float[index.Dimension];
                if (!_stale.Contains(modality) && index.TryGetVector(id, vector))
                {
                    vectors.Add(modality, vector);
                }
            }

            if (JointVector(vectors) is { } jointVector)
            {
                joint.Add(id, jointVector);
            }
        }

        _joint = joint;
    }
}
