namespace MultiModal.Matching.Demo.Scenario.Catalogue;

/// <summary>
/// A query: degraded views of one item in every modality, and which of them this query keeps
/// when modalities go missing. The item it was made from is the one relevant answer.
/// </summary>
/// <param name="TargetKey">The key of the item the query was made from.</param>
/// <param name="Text">A paraphrased, misspelled description.</param>
/// <param name="Image">A cropped, colour-cast, noisy image.</param>
/// <param name="Sound">A delayed, rescaled, noisy sound.</param>
/// <param name="HasText">Whether the query keeps its text when modalities go missing.</param>
/// <param name="HasImage">Whether the query keeps its image when modalities go missing.</param>
/// <param name="HasSound">Whether the query keeps its sound when modalities go missing.</param>
public sealed record CatalogueQuery(
    string TargetKey,
    string Text,
    RgbPixels Image,
    float[] Sound,
    bool HasText,
    bool HasImage,
    bool HasSound);
