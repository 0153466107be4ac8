using System.Diagnostics.CodeAnalysis;

namespace MultiModal.Matching.Media.Imaging;

/// <summary>Throw helpers kept out of the hot paths.</summary>
internal static class ImageThrow
{
    [DoesNotReturn]
    public static void Invalid(string format, string message)
        => throw new InvalidImageDataException($"{format}: {message}");

    [DoesNotReturn]
    public static T Invalid<T>(string format, string message)
        => throw new InvalidImageDataException($"{format}: {message}");

    [DoesNotReturn]
    public static void Unsupported(ImageFormat format, string message)
        => throw new UnsupportedImageFormatException(format, $"{format}: {message}");

    public static void CheckPixels(string format, long width, long height, ImageDecoderOptions options)
    {
        if (width <= 0 || height <= 0)
        {
            Invalid(format, $"image size {width}x{height} is not positive.");
        }

        if (width > options.MaxDimension || height > options.MaxDimension)
        {
            Invalid(format, $"image size {width}x{height} exceeds the maximum dimension {options.MaxDimension}.");
        }

        if (width * height > options.MaxPixels)
        {
            Invalid(format, $"image size {width}x{height} exceeds the limit of {options.MaxPixels} pixels.");
        }
    }
}
