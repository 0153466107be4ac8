using System.Diagnostics;
using MultiModal.Matching.Collection;
using MultiModal.Matching.Encoding;
using MultiModal.Matching.Indexing;

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
        CollectionSchema schema = _schema.WithReplacedEncoder(encoder);
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

        _indexes[modality] = index;
        _schema = schema;
        _stale.Remove(modality);
        if (schema.Joint is not null && schema.Joint.Weights.Any(w => w.Key == modality))
        {
            RebuildJoint(schema);
        }

        LogReindex(modality, encoder.Identity);
        CommitLog();
        CollectionLog.Reindexed(_logger, modality.Name, encoder.Identity.ToString(), indexed, started.Elapsed.TotalMilliseconds);
        return indexed;
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
        IVectorIndex joint = IndexFactory.Create(JointDimension(schema), DistanceMetric.DotProduct, schema.Joint!.Index, _options.Seed);
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

            if (JointVector(schema, vectors) is { } jointVector)
            {
                joint.Add(id, jointVector);
            }
        }

        _joint = joint;
    }
}
