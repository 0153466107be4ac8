namespace MultiModal.Matching.Storage;

/// <summary>
/// An index structure (the HNSW graph) that a checkpoint persists into its space's segment as
/// three opaque regions: a header, the level-0 records and the upper layers. The index lays the
/// bytes out so that it can later search them in place from the mapping.
/// </summary>
/// <remarks>
/// Contract: when a checkpoint calls <see cref="WriteGraph"/>, the graph holds exactly the space's
/// vectors of the store's live items, keyed by internal id. The owner guarantees this by running
/// <see cref="CollectionStore.Checkpoint"/> while it holds its own write lock; the store does not
/// run automatic checkpoints while a source is attached (see <see cref="CollectionStore.IsCheckpointDue"/>).
/// </remarks>
internal interface ISpaceGraphSource
{
    /// <summary>Writes the graph's three regions, in order, through <paramref name="writer"/>.</summary>
    void WriteGraph(SpaceGraphWriter writer);
}
