using MultiModal.Matching.Encoding;

namespace MultiModal.Matching.Fusion;

/// <summary>One modality's part in one fused match: the explanation that every result carries.</summary>
/// <param name="Modality">The modality.</param>
/// <param name="RawScore">The similarity in the modality's own space (cosine, dot product, or −‖a − b‖ for L2); NaN when there is none (filled or skipped).</param>
/// <param name="Rank">The 1-based rank in the modality's result list (for a recomputed score, the rank it would have had); 0 when absent.</param>
/// <param name="NormalizedScore">The score after normalisation (or the fill constant); NaN when skipped.</param>
/// <param name="Weight">The effective weight after renormalisation (0 when the modality took no part).</param>
/// <param name="Contribution">What this modality added to the fused score (see the combiner's documentation).</param>
/// <param name="Source">Whether the score was retrieved, recomputed, filled or skipped.</param>
/// <param name="QueryHasModality">Whether the query had an embedding for this modality.</param>
public readonly record struct ModalityContribution(
    Modality Modality,
    float RawScore,
    int Rank,
    float NormalizedScore,
    float Weight,
    float Contribution,
    ContributionSource Source,
    bool QueryHasModality);
