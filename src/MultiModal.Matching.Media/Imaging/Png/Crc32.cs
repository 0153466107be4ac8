using System.Buffers.Binary;

namespace MultiModal.Matching.Media.Imaging.Png;

/// <summary>The CRC-32 of PNG chunks and zlib's gzip sibling (polynomial 0xEDB88320, reflected), slice-by-8.</summary>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    public static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        uint[] t = Table;
        crc = ~crc;
        while (data.Length >= 8)
        {
            uint a = BinaryPrimitives.ReadUInt32LittleEndian(data) ^ crc;
            uint b = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
            crc = t[(7 * 256) + (a & 0xFF)] ^ t[(6 * 256) + ((a >> 8) & 0xFF)] ^ t[(5 * 256) + ((a >> 16) & 0xFF)] ^ t[(4 * 256) + (a >> 24)]
                ^ t[(3 * 256) + (b & 0xFF)] ^ t[(2 * 256) + ((b >> 8) & 0xFF)] ^ t[256 + ((b >> 16) & 0xFF)] ^ t[b >> 24];
            data = data[8..];
        }

        foreach (byte x in data)
        {
            crc = t[(crc ^ x) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var t = new uint[8 * 256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            t[n] = c;
        }

        for (int s = 1; s < 8; s++)
        {
            for (int n = 0; n < 256; n++)
            {
                uint prev = t[((s - 1) * 256) + n];
                t[(s * 256) + n] = t[prev & 0xFF] ^ (prev >> 8);
            }
        }

        return t;
    }
}
