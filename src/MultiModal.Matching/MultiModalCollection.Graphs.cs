using MultiModal.Matching.Collection;
using MultiModal.Matching.Encoding;
using MultiModal.Matching.Indexing;
using MultiModal.Matching.Indexing.Hnsw;
using MultiModal.Matching.Storage;

namespace MultiModal.Matching;

/// <summary>
/// Persisted HNSW graphs: a collection in a directory checkpoints each modality's graph with its vectors, so
/// that opening it maps (read-only) or copies (read-write) the graph instead of re-inserting every vector.
/// </summary>
public sealed partial class MultiModalCollection
{
    /// <summary>
    /// Makes the store persist every HNSW modality's graph at checkpoints (and none for exact or stale
    /// modalities, whose indexes do not mirror the store). Read-write stores only; the caller holds the write
    /// lock or has not yet shared the collection.
    /// </summary>
    private void AttachGraphSources()
    {
        CollectionStore store = _store!;
        for (int space = 0; space < _schema.Modalities.Count; space++)
        {
            Modality modality = _schema.Modalities[space].Modality;
            store.SetGraphSource(
                space,
                !_stale.Contains(modality) && _indexes[modality] is HnswIndex hnsw ? HnswStorage.AsGraphSource(hnsw) : null);
        }
    }

    /// <summary>
    /// The index of one HNSW modality as the store holds it: for a read-write store, the checkpointed graph
    /// copied into memory and brought up to date with the log tail (attached, so checkpoints persist it); for a
    /// read-only store, the checkpointed graph searched in place from the mapping. Null when a read-only store
    /// has no persisted graph for the space (a collection last committed before graphs were persisted, or
    /// never committed), in which case the caller inserts the vectors.
    /// </summary>
    private HnswIndex? OpenPersistedGraph(int space, ModalityDefinition definition)
    {
        CollectionStore store = _store!;
        HnswOptions options = IndexFactory.HnswOptionsFor(definition.Dimension, definition.Metric, definition.Index, _options.Seed);
        if (!store.IsReadOnly)
        {
            return HnswStorage.Attach(store, space, options);
        }

        SpaceSegment segment = store.GetCheckpointedSpace(space);
        return HnswStorage.HasGraph(segment) ? HnswStorage.OpenMapped(segment, options.EfSearch) : null;
    }

    /// <summary>
    /// With graphs attached the store no longer checkpoints by itself (it cannot know when the graphs match
    /// its rows); the collection does, at the end of a write, when the log has outgrown its budget. The
    /// caller holds the write lock, so the graphs hold exactly the store's live items. A failure leaves every
    /// write durable in the log and is retried after the next write.
    /// </summary>
    private void CheckpointIfDue()
    {
        if (_store is { IsReadOnly: false, IsCheckpointDue: true } store)
        {
            try
            {
                store.Checkpoint();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                CollectionLog.AutoCommitFailed(_logger, Directory!, e);
            }
        }
    }

    /// <summary>The index of a modality, for tests and diagnostics.</summary>
    internal IVectorIndex IndexOf(Modality modality)
    {
        using var read = ReadScope();
        return _indexes[modality];
    }
}
