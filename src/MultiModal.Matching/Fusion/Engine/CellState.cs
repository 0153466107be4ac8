namespace MultiModal.Matching.Fusion;

/// <summary>The state of one (candidate, modality) cell during scoring; the first four match <see cref="ContributionSource"/>.</summary>
internal static class CellState
{
    public const byte Retrieved = (byte)ContributionSource.Retrieved;
    public const byte Recomputed = (byte)ContributionSource.Recomputed;
    public const byte Filled = (byte)ContributionSource.Filled;
    public const byte Skipped = (byte)ContributionSource.Skipped;
    public const byte Pending = 254;
    public const byte Inactive = 255;
}
