namespace MultiModal.Matching.Media.Imaging.Processing;

/// <summary>
/// Writes images as normalised float tensors, and runs the whole CLIP preprocessing
/// (bicubic resize of the shorter side, centre crop, CLIP normalisation, NCHW). Thread-safe.
/// </summary>
public static class ImageTensor
{
    /// <summary>
    /// Writes the image's RGB samples, normalised, into <paramref name="destination"/>: [3, H, W] for
    /// <see cref="TensorLayout.Nchw"/>, [H, W, 3] for <see cref="TensorLayout.Nhwc"/>. Grey is replicated to three
    /// channels, 16-bit samples are rounded to 8 bits, alpha is dropped.
    /// </summary>
    /// <param name="image">The image.</param>
    /// <param name="normalization">Mean and std per channel, e.g. <see cref="ImageNormalization.Clip"/>.</param>
    /// <param name="layout">The tensor layout.</param>
    /// <param name="destination">Exactly 3 × width × height floats (one image of a batch: slice the batch buffer).</param>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> or <paramref name="normalization"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> has the wrong length.</exception>
    public static void Write(RasterImage image, ImageNormalization normalization, TensorLayout layout, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(normalization);
        int plane = image.Width * image.Height;
        if (destination.Length != plane * 3)
        {
            throw new ArgumentException($"A {image.Width}x{image.Height} image needs {plane * 3} floats; the destination has {destination.Length}.", nameof(destination));
        }

        ReadOnlySpan<byte> rgb = image.ToRgb8().Pixels;
        float s0 = normalization.Scale(0), s1 = normalization.Scale(1), s2 = normalization.Scale(2);
        float o0 = normalization.Offset(0), o1 = normalization.Offset(1), o2 = normalization.Offset(2);
        if (layout == TensorLayout.Nhwc)
        {
            for (int i = 0; i < plane; i++)
            {
                destination[3 * i] = (rgb[3 * i] * s0) + o0;
                destination[(3 * i) + 1] = (rgb[(3 * i) + 1] * s1) + o1;
                destination[(3 * i) + 2] = (rgb[(3 * i) + 2] * s2) + o2;
            }

            return;
        }

        Span<float> r = destination[..plane], g = destination.Slice(plane, plane), b = destination.Slice(2 * plane, plane);
        for (int i = 0; i < plane; i++)
        {
            r[i] = (rgb[3 * i] * s0) + o0;
            g[i] = (rgb[(3 * i) + 1] * s1) + o1;
            b[i] = (rgb[(3 * i) + 2] * s2) + o2;
        }
    }

    /// <summary>Allocates and returns the tensor of <see cref="Write"/>.</summary>
    /// <param name="image">The image.</param>
    /// <param name="normalization">Mean and std per channel.</param>
    /// <param name="layout">The tensor layout.</param>
    /// <returns>3 × width × height floats.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> or <paramref name="normalization"/> is null.</exception>
    public static float[] Create(RasterImage image, ImageNormalization normalization, TensorLayout layout = TensorLayout.Nchw)
    {
        ArgumentNullException.ThrowIfNull(image);
        var tensor = new float[3 * image.Width * image.Height];
        Write(image, normalization, layout, tensor);
        return tensor;
    }

    /// <summary>
    /// CLIP's preprocessing (OpenAI <c>clip.load</c>'s transform): bicubic, antialiased resize of the shorter side
    /// to <paramref name="size"/>, centre crop to <paramref name="size"/> × <paramref name="size"/>, RGB, and
    /// <see cref="ImageNormalization.Clip"/>, written NCHW into <paramref name="destination"/>.
    /// </summary>
    /// <param name="image">The image.</param>
    /// <param name="destination">Exactly 3 × size × size floats.</param>
    /// <param name="size">The model's input size; 224 for ViT-B/32 and ViT-B/16.</param>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is less than 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> has the wrong length.</exception>
    public static void WriteClip(RasterImage image, Span<float> destination, int size = 224)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        RasterImage resized = ImageTransforms.ResizeShorterSide(image, size, ResizeFilter.Bicubic);
        RasterImage cropped = ImageTransforms.CenterCrop(resized, size, size);
        Write(cropped, ImageNormalization.Clip, TensorLayout.Nchw, destination);
    }
}
