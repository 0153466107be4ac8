namespace MultiModal.Matching.Demo.Scenario.Catalogue;

/// <summary>An 8-bit interleaved RGB raster, row-major, as a renderer or a decoder would hand it over.</summary>
/// <param name="Width">Pixels per row.</param>
/// <param name="Height">Rows.</param>
/// <param name="Pixels">Width × Height × 3 bytes: R, G, B per pixel.</param>
public sealed record RgbPixels(int Width, int Height, byte[] Pixels);
