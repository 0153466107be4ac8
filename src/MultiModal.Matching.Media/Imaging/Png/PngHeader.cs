namespace MultiModal.Matching.Media.Imaging.Png;

/// <summary>The IHDR fields and the facts derived from them.</summary>
internal readonly record struct PngHeader(int Width, int Height, int BitDepth, int ColorType, bool Interlaced)
{
    /// <summary>Samples per pixel in the encoded data.</summary>
    public int Channels => ColorType switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, _ => 4 };

    /// <summary>Bits per pixel in the encoded data.</summary>
    public int BitsPerPixel => Channels * BitDepth;

    /// <summary>The filter's "bpp": bytes per complete pixel, at least 1.</summary>
    public int FilterStride => Math.Max(1, BitsPerPixel / 8);

    /// <summary>Bytes of one encoded row of <paramref name="width"/> pixels, without the filter byte.</summary>
    public long RowBytes(int width) => (((long)width * BitsPerPixel) + 7) / 8;

    public static bool IsValidCombination(int colorType, int bitDepth) => colorType switch
    {
        0 => bitDepth is 1 or 2 or 4 or 8 or 16,
        3 => bitDepth is 1 or 2 or 4 or 8,
        2 or 4 or 6 => bitDepth is 8 or 16,
        _ => false,
    };
}
