namespace MultiModal.Matching.Media.Imaging.Jpeg;

/// <summary>One colour component of a JPEG frame and its decoded samples.</summary>
internal sealed class JpegComponent
{
    public required int Id { get; init; }

    public required int H { get; init; }

    public required int V { get; init; }

    public required int QuantTableIndex { get; init; }

    /// <summary>Blocks per row / rows of blocks in the buffers (whole MCUs).</summary>
    public int BlocksPerLine { get; set; }

    public int BlockRows { get; set; }

    /// <summary>Blocks that hold image data (a non-interleaved scan covers only these).</summary>
    public int UsedBlocksPerLine { get; set; }

    public int UsedBlockRows { get; set; }

    /// <summary>Width and height of this component's sample grid in the image (ceil(W·H/Hmax) etc.).</summary>
    public int SampleWidth { get; set; }

    public int SampleHeight { get; set; }

    /// <summary>Samples, BlocksPerLine·8 wide and BlockRows·8 high (a pooled array, possibly longer).</summary>
    public byte[] Plane { get; set; } = [];

    public int PlaneStride => BlocksPerLine * 8;

    /// <summary>Quantised coefficients of progressive frames, 64 per block in natural order (a pooled array, possibly longer).</summary>
    public short[]? Coefficients { get; set; }

    /// <summary>Dequantisation factors in natural order, latched at the component's first scan.</summary>
    public float[]? Quant { get; set; }

    public int DcPredictor { get; set; }
}
