namespace MultiModal.Matching.Demo.Scenario.Catalogue;

/// <summary>
/// Renders an item's image (a coloured, textured shape on a light background) and the degraded
/// photo a shopper would take of it (cropped, colour-cast, noisy).
/// </summary>
public static class ImageRenderer
{
    /// <summary>The side of every rendered image, in pixels.</summary>
    public const int Size = 64;

    /// <summary>Draws the item's image. Placement, size and exact shade vary per item.</summary>
    /// <param name="traits">The item's hidden attributes.</param>
    /// <param name="random">The generator's random source.</param>
    /// <returns>A <see cref="Size"/> × <see cref="Size"/> RGB image.</returns>
    public static RgbPixels Render(in ItemTraits traits, Random random)
    {
        var (_, r0, g0, b0) = Vocabulary.Colours[traits.Colour];
        int r = Jitter(r0, random, 14), g = Jitter(g0, random, 14), b = Jitter(b0, random, 14);
        double cx = Size / 2.0 + (random.NextDouble() - 0.5) * 10;
        double cy = Size / 2.0 + (random.NextDouble() - 0.5) * 10;
        double radius = 17 + random.NextDouble() * 8;
        int period = 3 + random.Next(3);
        byte background = (byte)(228 + random.Next(20));

        byte[] pixels = new byte[Size * Size * 3];
        for (int y = 0; y < Size; y++)
        {
            for (int x = 0; x < Size; x++)
            {
                int o = (y * Size + x) * 3;
                if (!Inside(traits.Shape, (x + 0.5 - cx) / radius, (y + 0.5 - cy) / radius))
                {
                    pixels[o] = pixels[o + 1] = pixels[o + 2] = background;
                    continue;
                }

                double shade = traits.Texture switch
                {
                    Texture.Stripes => (x + y) / period % 2 == 0 ? 1.0 : 0.45,
                    Texture.Checker => (x / (period * 2) + y / (period * 2)) % 2 == 0 ? 1.0 : 1.6,
                    _ => 1.0,
                };
                pixels[o] = Tint(r, shade);
                pixels[o + 1] = Tint(g, shade);
                pixels[o + 2] = Tint(b, shade);
            }
        }

        return new RgbPixels(Size, Size, pixels);
    }

    /// <summary>A degraded copy: a random crop scaled back up, a colour cast, and Gaussian noise.</summary>
    /// <param name="image">The item's image.</param>
    /// <param name="random">The generator's random source.</param>
    /// <param name="minCropFraction">The smallest kept side, as a fraction of the original (1 = no crop).</param>
    /// <param name="colourCast">The largest per-channel gain change (0 = none).</param>
    /// <param name="noiseSigma">The standard deviation of the added noise, in 8-bit levels.</param>
    /// <returns>A new image of the same size.</returns>
    public static RgbPixels Degrade(RgbPixels image, Random random, double minCropFraction, double colourCast, double noiseSigma)
    {
        int w = image.Width, h = image.Height;
        double fraction = minCropFraction + random.NextDouble() * (1 - minCropFraction);
        int cw = Math.Max(1, (int)(w * fraction)), ch = Math.Max(1, (int)(h * fraction));
        int ox = random.Next(w - cw + 1), oy = random.Next(h - ch + 1);
        Span<double> gains = [1 + (random.NextDouble() * 2 - 1) * colourCast, 1 + (random.NextDouble() * 2 - 1) * colourCast, 1 + (random.NextDouble() * 2 - 1) * colourCast];

        byte[] result = new byte[w * h * 3];
        for (int y = 0; y < h; y++)
        {
            int sy = oy + y * ch / h;
            for (int x = 0; x < w; x++)
            {
                int sx = ox + x * cw / w;
                int s = (sy * w + sx) * 3, d = (y * w + x) * 3;
                for (int c = 0; c < 3; c++)
                {
                    double v = image.Pixels[s + c] * gains[c] + Noise.Gaussian(random) * noiseSigma;
                    result[d + c] = (byte)Math.Clamp(Math.Round(v), 0, 255);
                }
            }
        }

        return new RgbPixels(w, h, result);
    }

    /// <summary>Whether a point, in units of the shape's radius around its centre, is inside the shape.</summary>
    private static bool Inside(Shape shape, double dx, double dy) => shape switch
    {
        Shape.Circle => dx * dx + dy * dy <= 1,
        Shape.Square => Math.Abs(dx) <= 0.85 && Math.Abs(dy) <= 0.85,
        Shape.Triangle => dy >= -1 && dy <= 0.8 && Math.Abs(dx) <= (dy + 1) / 1.8,
        Shape.Cross => (Math.Abs(dx) <= 0.3 && Math.Abs(dy) <= 1) || (Math.Abs(dy) <= 0.3 && Math.Abs(dx) <= 1),
        Shape.Ring => dx * dx + dy * dy <= 1 && dx * dx + dy * dy >= 0.3,
        _ => false,
    };

    private static int Jitter(int value, Random random, int amplitude) =>
        Math.Clamp(value + random.Next(-amplitude, amplitude + 1), 0, 255);

    /// <summary>Shade below 1 darkens towards black, above 1 lightens towards white.</summary>
    private static byte Tint(int channel, double shade) => shade <= 1
        ? (byte)Math.Round(channel * shade)
        : (byte)Math.Round(channel + (255 - channel) * (shade - 1));
}
