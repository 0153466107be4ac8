namespace MultiModal.Matching.Media.Imaging;

/// <summary>An encoded image format, as recognised from the first bytes of the data (never from a file name).</summary>
public enum ImageFormat
{
    /// <summary>The bytes match no known signature.</summary>
    Unknown = 0,

    /// <summary>PNG (decoded).</summary>
    Png,

    /// <summary>JPEG / JFIF / EXIF (decoded).</summary>
    Jpeg,

    /// <summary>Windows bitmap (decoded).</summary>
    Bmp,

    /// <summary>Netpbm PGM/PPM, binary (P5/P6) or ASCII (P2/P3) (decoded).</summary>
    Pnm,

    /// <summary>GIF (recognised, not decoded).</summary>
    Gif,

    /// <summary>TIFF (recognised, not decoded).</summary>
    Tiff,

    /// <summary>WebP (recognised, not decoded).</summary>
    WebP,
}
