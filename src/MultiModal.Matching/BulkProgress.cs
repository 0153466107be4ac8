namespace MultiModal.Matching;

/// <summary>Progress of a bulk operation (batch upsert, re-index, commit), reported through <see cref="IProgress{T}"/>.</summary>
/// <param name="Operation">What is running, e.g. <c>upsert</c>, <c>reindex text</c>, <c>commit</c>.</param>
/// <param name="Completed">Items (or steps) done so far.</param>
/// <param name="Total">Items (or steps) in all, or −1 when unknown (a lazily enumerated batch).</param>
public readonly record struct BulkProgress(string Operation, int Completed, int Total);
