namespace MultiModal.Matching.Media.Imaging.Jpeg;

/// <summary>How a frame's components map to output colour.</summary>
internal enum JpegColorTransform
{
    Gray,
    YCbCr,
    Rgb,
    Cmyk,
    Ycck,
}
