using System.Runtime.InteropServices;
using CommunityToolkit.HighPerformance;

namespace MultiModal.Matching.Media.Imaging;

/// <summary>
/// Decoded pixels: width, height, a <see cref="PixelFormat"/> and a tightly packed, row-major,
/// top-down buffer (row stride = width × bytes per pixel). This is the image input of every image
/// operation and encoder here, so a host with its own decoder builds one from its buffers and never
/// needs <see cref="ImageDecoder"/>.
/// </summary>
/// <remarks>
/// Instances are immutable once built and safe to share between threads. 16-bit samples are stored
/// in the machine's byte order; read them with <see cref="GetSamples16"/>.
/// </remarks>
public sealed class RasterImage
{
    private readonly byte[] _data;

    /// <summary>Creates an image by copying pixels from a buffer.</summary>
    /// <param name="width">Width in pixels, at least 1.</param>
    /// <param name="height">Height in pixels, at least 1.</param>
    /// <param name="format">The layout of each pixel.</param>
    /// <param name="pixels">Exactly width × height × bytes-per-pixel bytes, rows top-down, no padding.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive, the format is undefined, or the image exceeds 2^31 bytes.</exception>
    /// <exception cref="ArgumentException"><paramref name="pixels"/> has the wrong length.</exception>
    public RasterImage(int width, int height, PixelFormat format, ReadOnlySpan<byte> pixels)
        : this(width, height, format, CopyChecked(width, height, format, pixels), ownsBuffer: true)
    {
    }

    /// <summary>Creates an image from 16-bit samples (format must be a 16-bit one) by copying them.</summary>
    /// <param name="width">Width in pixels, at least 1.</param>
    /// <param name="height">Height in pixels, at least 1.</param>
    /// <param name="format">A 16-bit pixel format.</param>
    /// <param name="samples">Exactly width × height × channels samples.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive or the format is not 16-bit.</exception>
    /// <exception cref="ArgumentException"><paramref name="samples"/> has the wrong length.</exception>
    public RasterImage(int width, int height, PixelFormat format, ReadOnlySpan<ushort> samples)
        : this(width, height, Require16(format), CopyChecked(width, height, format, MemoryMarshal.AsBytes(samples)), ownsBuffer: true)
    {
    }

    internal RasterImage(int width, int height, PixelFormat format, byte[] data, bool ownsBuffer)
    {
        _ = ownsBuffer;
        Width = width;
        Height = height;
        Format = format;
        _data = data;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>The layout of each pixel.</summary>
    public PixelFormat Format { get; }

    /// <summary>Bytes per row (no padding): <see cref="Width"/> × bytes per pixel.</summary>
    public int Stride => Width * Format.BytesPerPixel();

    /// <summary>All pixel bytes, rows top-down.</summary>
    public ReadOnlySpan<byte> Pixels => _data;

    /// <summary>The pixel bytes as a 2-D view: <see cref="Height"/> rows of <see cref="Stride"/> bytes.</summary>
    /// <returns>A read-only 2-D span over the buffer.</returns>
    public ReadOnlySpan2D<byte> AsSpan2D() => new(_data, Height, Stride);

    /// <summary>One row of pixel bytes.</summary>
    /// <param name="y">Row index, 0 at the top.</param>
    /// <returns>The row's <see cref="Stride"/> bytes.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="y"/> is outside the image.</exception>
    public ReadOnlySpan<byte> GetRow(int y)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(y);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(y, Height);
        return _data.AsSpan(y * Stride, Stride);
    }

    /// <summary>The samples of a 16-bit image.</summary>
    /// <returns>Width × height × channels samples.</returns>
    /// <exception cref="InvalidOperationException">The format is an 8-bit one.</exception>
    public ReadOnlySpan<ushort> GetSamples16()
    {
        if (Format.BitsPerSample() != 16)
        {
            throw new InvalidOperationException($"{Format} has 8-bit samples; read Pixels instead.");
        }

        return MemoryMarshal.Cast<byte, ushort>(_data.AsSpan());
    }

    /// <summary>
    /// Converts to 8-bit RGB (3 bytes per pixel): grey is replicated, 16-bit samples are rounded to 8 bits,
    /// and alpha is dropped (colours are used as stored, not composited on a background).
    /// Returns this instance when it is already <see cref="PixelFormat.Rgb8"/>.
    /// </summary>
    /// <returns>An <see cref="PixelFormat.Rgb8"/> image.</returns>
    public RasterImage ToRgb8()
    {
        if (Format == PixelFormat.Rgb8)
        {
            return this;
        }

        var dst = GC.AllocateUninitializedArray<byte>(checked(Width * Height * 3));
        PixelConverter.ToRgb8(this, dst);
        return new RasterImage(Width, Height, PixelFormat.Rgb8, dst, ownsBuffer: true);
    }

    internal byte[] Buffer => _data;

    private static PixelFormat Require16(PixelFormat format)
    {
        if (format.BitsPerSample() != 16)
        {
            throw new ArgumentOutOfRangeException(nameof(format), format, "16-bit samples need a 16-bit pixel format.");
        }

        return format;
    }

    private static byte[] CopyChecked(int width, int height, PixelFormat format, ReadOnlySpan<byte> pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        long bytes = (long)width * height * format.BytesPerPixel();
        if (bytes > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"A {width}x{height} {format} image needs {bytes} bytes, more than one buffer can hold.");
        }

        if (pixels.Length != bytes)
        {
            throw new ArgumentException($"A {width}x{height} {format} image needs {bytes} bytes; got {pixels.Length}.", nameof(pixels));
        }

        return pixels.ToArray();
    }
}
