namespace MultiModal.Matching.Fusion;

/// <summary>What to do when a modality's score is missing (see <see cref="MissingModalityPolicy"/>).</summary>
public enum MissingModalityKind
{
    /// <summary>Leave the modality out and renormalise the remaining weights.</summary>
    Skip = 0,

    /// <summary>Use a constant in place of the missing normalised score.</summary>
    Fill = 1,

    /// <summary>Recompute the exact score from the item's stored vector (item side only).</summary>
    Recompute = 2,
}
