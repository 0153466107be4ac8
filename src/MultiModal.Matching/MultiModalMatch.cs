using MultiModal.Matching.Attributes;
using MultiModal.Matching.Fusion;

namespace MultiModal.Matching;

/// <summary>One search result: the item's key, its fused score, why it matched, and (on request) its attributes.</summary>
/// <param name="Key">The item's key.</param>
/// <param name="Score">The fused score; larger is better. Its scale depends on the fusion strategy (see the fusion guide).</param>
/// <param name="Explanation">One entry per modality of the collection, in schema order: raw score, rank, normalised score,
/// weight, contribution, and whether the score was retrieved, recomputed, filled or skipped.</param>
/// <param name="Attributes">The item's attribute values when the search asked for them; otherwise <see langword="null"/>.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record MultiModalMatch(
    string Key,
    float Score,
    IReadOnlyList<ModalityContribution> Explanation,
    IReadOnlyDictionary<string, AttributeValue>? Attributes);
