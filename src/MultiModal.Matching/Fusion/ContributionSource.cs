namespace MultiModal.Matching.Fusion;

/// <summary>Where a modality's part of a fused score came from.</summary>
public enum ContributionSource
{
    /// <summary>The item was in the modality's result list; raw score and rank are the index's.</summary>
    Retrieved = 0,

    /// <summary>The item was not in the list; its exact score was recomputed from its stored vector.</summary>
    Recomputed = 1,

    /// <summary>A constant stood in for the missing score (the fill policy, or a zero block in early fusion).</summary>
    Filled = 2,

    /// <summary>The modality took no part for this item; the remaining weights were renormalised.</summary>
    Skipped = 3,
}
