using System.Buffers;
using MultiModal.Matching.Encoding;
using MultiModal.Matching.Media.Encoders.ImageFeatures;
using MultiModal.Matching.Media.Imaging;
using MultiModal.Matching.Media.Imaging.Processing;

namespace MultiModal.Matching.Media.Encoders;

/// <summary>
/// The built-in, model-free image encoder: a vector of hand-made features that needs no model file.
/// Each image is converted to 8-bit RGB (alpha dropped), resized to a square working image (area filter),
/// and described by three blocks, each L2-normalised, weighted, then concatenated and L2-normalised as a whole:
/// <list type="number">
/// <item><b>Colour</b>: HSV histograms on a <see cref="ClassicImageEncoderOptions.ColorGrid"/>² grid (hue × saturation × value
/// for chromatic pixels, 4 grey levels for grey or dark ones), square-rooted so that dot products compare distributions.</item>
/// <item><b>Gradients</b>: HOG-like orientation histograms (unsigned, magnitude-weighted, L2-Hys per cell) on a
/// <see cref="ClassicImageEncoderOptions.GradientGrid"/>² grid: the layout of edges and textures.</item>
/// <item><b>Thumbnail</b>: a tiny zero-mean grey thumbnail: the coarse light/dark layout.</item>
/// </list>
/// With default options the dimension is 9·36 + 16·9 + 64 = 532.
/// </summary>
/// <remarks>
/// <para><b>What it captures:</b> global and regional colour distribution, coarse composition, dominant edge
/// directions and texture energy. Near-duplicates, re-encodings, mild resizes, crops of a few percent, brightness
/// shifts of grey regions and colour-cast variants of the same picture stay close; images of similar palette and
/// layout (a beach, a forest, a document scan) cluster.</para>
/// <para><b>What it cannot capture:</b> semantics. Two different dogs on different backgrounds are not close; a red
/// car and a red apple may be. It is not invariant to rotation, flips, large crops or strong perspective changes,
/// and ignores transparency. Use an ONNX image model (CLIP) for meaning.</para>
/// <para><b>Determinism:</b> the same input and options give the same vector on the same machine and build; across
/// CPUs with different SIMD widths the last bits of the resize may differ. Thread-safe: instances are immutable.</para>
/// </remarks>
public sealed class ClassicImageEncoder : EncoderBase<RasterImage>
{
    /// <summary>The encoder name in its <see cref="EncoderIdentity"/>.</summary>
    public const string EncoderName = "mmm.image.color-gradient";

    private readonly ClassicImageEncoderOptions _options;

    /// <summary>Creates the encoder.</summary>
    /// <param name="options">Settings; null for the defaults. The encoder keeps a copy.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of its range.</exception>
    public ClassicImageEncoder(ClassicImageEncoderOptions? options = null)
        : this(Prepare(options), validated: true)
    {
    }

    private ClassicImageEncoder(ClassicImageEncoderOptions options, bool validated)
        : base(Modality.Image, options.Dimension, EncoderIdentity.Create(EncoderName, "1", options.Canonical()))
    {
        _ = validated;
        _options = options;
    }

    /// <summary>A copy of the settings this encoder was built with.</summary>
    public ClassicImageEncoderOptions Options => _options.Clone();

    /// <inheritdoc/>
    protected override void EncodeCore(RasterImage input, Span<float> destination)
    {
        ClassicImageEncoderOptions o = _options;
        int size = o.WorkingSize;
        RasterImage work = ImageTransforms.Resize(input.ToRgb8(), size, size, ResizeFilter.Area);
        ReadOnlySpan<byte> rgb = work.Pixels;
        float[] gray = ArrayPool<float>.Shared.Rent(size * size);
        try
        {
            for (int i = 0; i < size * size; i++)
            {
                gray[i] = (0.299f * rgb[3 * i]) + (0.587f * rgb[(3 * i) + 1]) + (0.114f * rgb[(3 * i) + 2]);
            }

            Span<float> color = destination[..o.ColorLength];
            Span<float> gradient = destination.Slice(o.ColorLength, o.GradientLength);
            Span<float> thumb = destination.Slice(o.ColorLength + o.GradientLength, o.ThumbnailLength);
            HsvHistogram.Compute(rgb, size, o.ColorGrid, o.HueBins, color);
            GradientHistogram.Compute(gray.AsSpan(0, size * size), size, o.GradientGrid, o.OrientationBins, gradient);
            Thumbnail(gray.AsSpan(0, size * size), size, o.ThumbnailSize, thumb);
            Scale(color, o.ColorWeight);
            Scale(gradient, o.GradientWeight);
            Scale(thumb, o.ThumbnailWeight);
            Scale(destination, 1f);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(gray);
        }
    }

    private static ClassicImageEncoderOptions Prepare(ClassicImageEncoderOptions? options)
    {
        ClassicImageEncoderOptions copy = options?.Clone() ?? new ClassicImageEncoderOptions();
        copy.Validate();
        return copy;
    }

    private static void Thumbnail(ReadOnlySpan<float> gray, int size, int t, Span<float> destination)
    {
        destination.Clear();
        Span<int> counts = stackalloc int[t * t];
        counts.Clear();
        for (int y = 0; y < size; y++)
        {
            int ty = y * t / size;
            for (int x = 0; x < size; x++)
            {
                int cell = (ty * t) + (x * t / size);
                destination[cell] += gray[(y * size) + x];
                counts[cell]++;
            }
        }

        float mean = 0;
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] /= counts[i];
            mean += destination[i];
        }

        mean /= destination.Length;
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] -= mean;
        }
    }

    /// <summary>L2-normalises <paramref name="block"/> and multiplies it by <paramref name="weight"/> (a zero block stays zero).</summary>
    private static void Scale(Span<float> block, float weight)
    {
        double sum = 0;
        foreach (float v in block)
        {
            sum += v * v;
        }

        float factor = sum > 1e-20 ? (float)(weight / Math.Sqrt(sum)) : 0f;
        for (int i = 0; i < block.Length; i++)
        {
            block[i] *= factor;
        }
    }
}
