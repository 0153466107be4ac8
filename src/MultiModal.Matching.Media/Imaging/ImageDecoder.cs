using MultiModal.Matching.Media.Imaging.Bmp;
using MultiModal.Matching.Media.Imaging.Jpeg;
using MultiModal.Matching.Media.Imaging.Png;
using MultiModal.Matching.Media.Imaging.Pnm;

namespace MultiModal.Matching.Media.Imaging;

/// <summary>
/// Decodes PNG, JPEG, BMP and PGM/PPM into a <see cref="RasterImage"/>, choosing the decoder from the
/// content (the signature in the first bytes), never from a file name.
/// </summary>
/// <remarks>
/// Output formats: PNG keeps its bit depth (1/2/4-bit grey is scaled to 8 bits; palettes become RGB, or
/// RGBA when a tRNS chunk is present; a tRNS colour key adds an alpha channel). JPEG gives
/// <see cref="PixelFormat.Gray8"/> or <see cref="PixelFormat.Rgb8"/> (CMYK/YCCK are converted to RGB),
/// with the EXIF orientation applied by default. BMP gives RGB8 or RGBA8; PGM/PPM give Gray/RGB at 8
/// or 16 bits. A truncated JPEG decodes the part that is present (the rest is mid-grey, as libjpeg does);
/// a truncated PNG, BMP or PNM fails.
/// All methods are thread-safe; decoding holds no shared state.
/// </remarks>
public static class ImageDecoder
{
    /// <summary>Recognises the format of encoded image bytes from their signature.</summary>
    /// <param name="data">The first bytes of the file (16 are enough).</param>
    /// <returns>The format, or <see cref="ImageFormat.Unknown"/>.</returns>
    public static ImageFormat DetectFormat(ReadOnlySpan<byte> data) => ImageFormatDetector.Detect(data);

    /// <summary>Decodes an encoded image held in memory.</summary>
    /// <param name="data">The whole file.</param>
    /// <param name="options">Limits and choices; null for the defaults.</param>
    /// <returns>The decoded pixels.</returns>
    /// <exception cref="InvalidImageDataException">The data is corrupt, truncated or exceeds a limit.</exception>
    /// <exception cref="UnsupportedImageFormatException">The format or one of its features is not decoded here (GIF, TIFF, WebP, arithmetic-coded JPEG…).</exception>
    public static RasterImage Decode(ReadOnlySpan<byte> data, ImageDecoderOptions? options = null)
    {
        options ??= ImageDecoderOptions.Default;
        ImageFormat format = ImageFormatDetector.Detect(data);
        return format switch
        {
            ImageFormat.Png => PngDecoder.Decode(data, options),
            ImageFormat.Jpeg => JpegDecoder.Decode(data, options),
            ImageFormat.Bmp => BmpDecoder.Decode(data, options),
            ImageFormat.Pnm => PnmDecoder.Decode(data, options),
            ImageFormat.Unknown => throw new UnsupportedImageFormatException(format, "The data does not start with the signature of any known image format."),
            _ => throw new UnsupportedImageFormatException(format, $"{format} images are recognised but not decoded; supported: PNG, JPEG, BMP, PGM/PPM."),
        };
    }

    /// <summary>Reads a stream to its end (or to <see cref="ImageDecoderOptions.MaxInputBytes"/>) and decodes it.</summary>
    /// <param name="stream">A readable stream positioned at the start of the image.</param>
    /// <param name="options">Limits and choices; null for the defaults.</param>
    /// <returns>The decoded pixels.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is not readable.</exception>
    /// <exception cref="InvalidImageDataException">The data is corrupt, truncated or exceeds a limit.</exception>
    /// <exception cref="UnsupportedImageFormatException">The format or one of its features is not decoded here.</exception>
    /// <exception cref="IOException">Reading the stream failed.</exception>
    public static RasterImage Decode(Stream stream, ImageDecoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead)
        {
            throw new ArgumentException("The stream is not readable.", nameof(stream));
        }

        options ??= ImageDecoderOptions.Default;
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > options.MaxInputBytes)
            {
                throw new InvalidImageDataException($"The image stream is longer than the limit of {options.MaxInputBytes} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        return Decode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), options);
    }

    /// <summary>Reads and decodes an image file.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="options">Limits and choices; null for the defaults.</param>
    /// <returns>The decoded pixels.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="InvalidImageDataException">The data is corrupt, truncated or exceeds a limit.</exception>
    /// <exception cref="UnsupportedImageFormatException">The format or one of its features is not decoded here.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static RasterImage DecodeFile(string path, ImageDecoderOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = File.OpenRead(path);
        return Decode(stream, options);
    }
}
