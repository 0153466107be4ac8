using System.Globalization;

namespace MultiModal.Matching.Media.Tests.Imaging;

/// <summary>
/// A parser for the PngSuite ".sng" text dumps in Go's testdata (IHDR, PLTE, tRNS and "IMAGE { pixels hex }"),
/// giving the expected pixels as non-premultiplied 16-bit RGBA.
/// </summary>
internal sealed class SngFile
{
    public int Width { get; private set; }

    public int Height { get; private set; }

    public ushort[] Rgba16 { get; private set; } = [];

    public static SngFile Parse(string text)
    {
        var sng = new SngFile();
        int bitDepth = 8;
        string colorKind = "";
        var palette = new List<(int R, int G, int B)>();
        var trnsPalette = new List<int>();
        int[]? trnsKey = null;
        var rows = new List<byte[]>();
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.StartsWith("IHDR", StringComparison.Ordinal))
            {
                for (i++; !lines[i].Contains('}', StringComparison.Ordinal); i++)
                {
                    string l = lines[i].Trim();
                    foreach (string part in l.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        if (part.StartsWith("width:", StringComparison.Ordinal))
                        {
                            sng.Width = int.Parse(part[6..], CultureInfo.InvariantCulture);
                        }
                        else if (part.StartsWith("height:", StringComparison.Ordinal))
                        {
                            sng.Height = int.Parse(part[7..], CultureInfo.InvariantCulture);
                        }
                        else if (part.StartsWith("bitdepth:", StringComparison.Ordinal))
                        {
                            bitDepth = int.Parse(part[9..], CultureInfo.InvariantCulture);
                        }
                        else if (part.StartsWith("using ", StringComparison.Ordinal))
                        {
                            colorKind = part[6..].Trim();
                        }
                    }
                }
            }
            else if (line.StartsWith("PLTE", StringComparison.Ordinal))
            {
                for (i++; !lines[i].Trim().StartsWith('}'); i++)
                {
                    string l = lines[i];
                    int open = l.IndexOf('('), close = l.IndexOf(')');
                    string[] parts = l[(open + 1)..close].Split(',');
                    palette.Add((int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture)));
                }
            }
            else if (line.StartsWith("tRNS", StringComparison.Ordinal))
            {
                var body = new System.Text.StringBuilder(line[4..]);
                while (!body.ToString().Contains('}', StringComparison.Ordinal))
                {
                    body.Append(' ').Append(lines[++i]);
                }

                string b = body.ToString().Replace("{", " ", StringComparison.Ordinal).Replace("}", " ", StringComparison.Ordinal);
                if (b.Contains(':', StringComparison.Ordinal))
                {
                    var values = new List<int>();
                    foreach (string part in b.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        int colon = part.IndexOf(':');
                        if (colon > 0)
                        {
                            values.Add(int.Parse(part[(colon + 1)..], CultureInfo.InvariantCulture));
                        }
                    }

                    trnsKey = [.. values];
                }
                else
                {
                    foreach (string v in b.Split((char[])[' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries))
                    {
                        trnsPalette.Add(int.Parse(v, CultureInfo.InvariantCulture));
                    }
                }
            }
            else if (line.StartsWith("IMAGE", StringComparison.Ordinal))
            {
                for (i++; i < lines.Length && !lines[i].Trim().StartsWith('}'); i++)
                {
                    string l = lines[i].Trim();
                    if (l.StartsWith("pixels", StringComparison.Ordinal) || l.Length == 0)
                    {
                        continue;
                    }

                    rows.Add(Convert.FromHexString(l.Replace(" ", "", StringComparison.Ordinal)));
                }
            }
        }

        if (rows.Count != sng.Height)
        {
            throw new FormatException($"sng: {rows.Count} pixel rows for height {sng.Height}.");
        }

        sng.Rgba16 = new ushort[sng.Width * sng.Height * 4];
        bool isPalette = colorKind == "color palette";
        int channels = colorKind switch { "grayscale" => 1, "grayscale alpha" => 2, "color" => 3, "color alpha" => 4, _ => 1 };
        int bytesPerSample = bitDepth == 16 ? 2 : 1;
        Span<int> s = stackalloc int[4];
        for (int y = 0; y < sng.Height; y++)
        {
            byte[] row = rows[y];
            for (int x = 0; x < sng.Width; x++)
            {
                Span<ushort> px = sng.Rgba16.AsSpan(((y * sng.Width) + x) * 4, 4);
                if (isPalette)
                {
                    int perByte = 8 / bitDepth;
                    int index = (row[x / perByte] >> (8 - (bitDepth * ((x % perByte) + 1)))) & ((1 << bitDepth) - 1);
                    (int r, int g, int b) = palette[index];
                    px[0] = (ushort)(r * 257);
                    px[1] = (ushort)(g * 257);
                    px[2] = (ushort)(b * 257);
                    px[3] = (ushort)((index < trnsPalette.Count ? trnsPalette[index] : 255) * 257);
                    continue;
                }

                for (int c = 0; c < channels; c++)
                {
                    int at = ((x * channels) + c) * bytesPerSample;
                    s[c] = bytesPerSample == 2 ? (row[at] << 8) | row[at + 1] : row[at];
                }

                int scale = bytesPerSample == 2 ? 1 : 257;
                bool color = channels >= 3;
                int colorChannels = color ? 3 : 1;
                px[0] = (ushort)(s[0] * scale);
                px[1] = (ushort)((color ? s[1] : s[0]) * scale);
                px[2] = (ushort)((color ? s[2] : s[0]) * scale);
                bool keyed = trnsKey is not null;
                for (int c = 0; keyed && c < colorChannels; c++)
                {
                    keyed &= s[c] == trnsKey![c];
                }

                px[3] = channels is 2 or 4 ? (ushort)(s[channels - 1] * scale) : keyed ? (ushort)0 : ushort.MaxValue;
            }
        }

        return sng;
    }
}
