namespace MultiModal.Matching.Media.Imaging.Processing;

/// <summary>The interpolation kernel of <see cref="ImageTransforms.Resize"/>.</summary>
public enum ResizeFilter
{
    /// <summary>Triangle kernel (support 1): bilinear interpolation.</summary>
    Bilinear = 0,

    /// <summary>Keys cubic convolution with a = −0.5 (support 2), as PIL's BICUBIC and CLIP's preprocessing use.</summary>
    Bicubic = 1,

    /// <summary>Box kernel: each output pixel is the area-weighted mean of the source pixels it covers (for downscaling).</summary>
    Area = 2,
}
