namespace MultiModal.Matching.Demo.Scenario.Catalogue;

/// <summary>One generated item: its key, hidden traits, the modalities it has, and its attributes.</summary>
/// <param name="Key">The item's key, e.g. <c>item-00042</c>.</param>
/// <param name="Traits">The hidden attributes everything was generated from.</param>
/// <param name="Text">The description, or <see langword="null"/> when the item has no text.</param>
/// <param name="Image">The image, or <see langword="null"/> when the item has no image.</param>
/// <param name="Sound">The sound (16 kHz mono), or <see langword="null"/> when the item has no sound.</param>
/// <param name="Price">A price attribute, for filtered searches.</param>
/// <param name="InStock">A stock flag, for filtered searches.</param>
public sealed record CatalogueItem(
    string Key,
    ItemTraits Traits,
    string? Text,
    RgbPixels? Image,
    float[]? Sound,
    double Price,
    bool InStock)
{
    /// <summary>The category's catalogue word, e.g. <c>lamp</c>.</summary>
    public string Category => Vocabulary.Categories[Traits.Category][0];
}
