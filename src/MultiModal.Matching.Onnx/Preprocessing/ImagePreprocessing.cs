using System.Buffers;
using MultiModal.Matching.Media.Imaging;
using MultiModal.Matching.Media.Imaging.Processing;

namespace MultiModal.Matching.Onnx.Preprocessing;

/// <summary>
/// CLIP-style image preprocessing into one planar (CHW) float tensor, composed from Media's operations: resize so
/// the image covers <c>height × width</c> (the shorter side fits, antialiased), centre-crop, then
/// <c>(x / 255 - mean[c]) / std[c]</c>. One channel means luma (BT.601: 0.299 R + 0.587 G + 0.114 B).
/// </summary>
internal static class ImagePreprocessing
{
    /// <summary>Writes <paramref name="image"/> as a <c>channels × height × width</c> tensor.</summary>
    /// <param name="image">The decoded image.</param>
    /// <param name="height">Output height (the crop).</param>
    /// <param name="width">Output width (the crop).</param>
    /// <param name="channels">1 (luma) or 3 (RGB).</param>
    /// <param name="filter">The resize filter.</param>
    /// <param name="mean">Per-channel mean in [0, 1] units (channels values).</param>
    /// <param name="std">Per-channel standard deviation (channels values).</param>
    /// <param name="destination">channels × height × width floats.</param>
    public static void ToTensor(RasterImage image, int height, int width, int channels, ResizeFilter filter, ReadOnlySpan<float> mean, ReadOnlySpan<float> std, Span<float> destination)
    {
        double scale = Math.Max((double)width / image.Width, (double)height / image.Height);
        int scaledWidth = Math.Max(width, (int)Math.Round(image.Width * scale));
        int scaledHeight = Math.Max(height, (int)Math.Round(image.Height * scale));
        RasterImage resized = scaledWidth == image.Width && scaledHeight == image.Height
            ? image
            : ImageTransforms.Resize(image, scaledWidth, scaledHeight, filter, antialias: true);
        RasterImage cropped = scaledWidth == width && scaledHeight == height ? resized : ImageTransforms.CenterCrop(resized, width, height);
        if (channels == 3)
        {
            ImageTensor.Write(cropped, new ImageNormalization(mean.ToArray(), std.ToArray()), TensorLayout.Nchw, destination);
            return;
        }

        int plane = height * width;
        float[] rgb = ArrayPool<float>.Shared.Rent(3 * plane);
        try
        {
            ImageTensor.Write(cropped, ImageNormalization.UnitRange, TensorLayout.Nchw, rgb.AsSpan(0, 3 * plane));
            for (int i = 0; i < plane; i++)
            {
                float luma = (0.299f * rgb[i]) + (0.587f * rgb[plane + i]) + (0.114f * rgb[(2 * plane) + i]);
                destination[i] = (luma - mean[0]) / std[0];
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rgb);
        }
    }
}
