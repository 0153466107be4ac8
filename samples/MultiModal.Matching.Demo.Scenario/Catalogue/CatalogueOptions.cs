namespace MultiModal.Matching.Demo.Scenario.Catalogue;

/// <summary>The size, seed, gaps and degradations of a generated catalogue.</summary>
public sealed record CatalogueOptions
{
    /// <summary>Items in the catalogue.</summary>
    public int ItemCount { get; init; } = 3000;

    /// <summary>Queries, each a degraded view of one item.</summary>
    public int QueryCount { get; init; } = 300;

    /// <summary>The seed every random draw derives from.</summary>
    public int Seed { get; init; } = 20_261_122;

    /// <summary>The chance that an item lacks a given modality (every item keeps at least one).</summary>
    public double ItemMissingRate { get; init; } = 0.08;

    /// <summary>The chance that a query lacks a given modality (every query keeps at least one).</summary>
    public double QueryMissingRate { get; init; } = 0.3;

    /// <summary>The chance that a query uses a synonym for the category or the material.</summary>
    public double SynonymRate { get; init; } = 0.25;

    /// <summary>The chance that a query word carries a typo.</summary>
    public double TypoRate { get; init; } = 0.15;

    /// <summary>The smallest side a query image keeps after cropping, as a fraction.</summary>
    public double MinCropFraction { get; init; } = 0.75;

    /// <summary>The largest per-channel colour-gain change in a query image.</summary>
    public double ColourCast { get; init; } = 0.3;

    /// <summary>The standard deviation of pixel noise in query images (8-bit levels).</summary>
    public double PixelNoise { get; init; } = 24;

    /// <summary>The largest delay of a query sound, in seconds.</summary>
    public double MaxShiftSeconds { get; init; } = 0.04;

    /// <summary>The signal-to-noise ratio of query sounds, in decibels.</summary>
    public double SoundSnrDb { get; init; } = 24;
}
