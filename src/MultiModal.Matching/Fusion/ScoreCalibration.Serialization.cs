using System.Buffers.Binary;
using MultiModal.Matching.Encoding;

namespace MultiModal.Matching.Fusion;

public sealed partial class ScoreCalibration
{
    private const uint Magic = 0x4C41434D; // "MCAL" little-endian
    private const uint FormatVersion = 1;

    /// <summary>
    /// Writes the calibration: magic "MCAL", version (u32), modality count (u32); per modality a name
    /// (u16 byte length + UTF-8), knot count (u32) and knots (f32); then an FNV-1a checksum (u32) of all
    /// preceding bytes. Little-endian throughout.
    /// </summary>
    /// <param name="stream">A writable stream.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="IOException">The stream fails.</exception>
    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = new MemoryStream();
        var word = new byte[4];
        void U32(uint v)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(word, v);
            buffer.Write(word);
        }

        U32(Magic);
        U32(FormatVersion);
        U32((uint)_modalities.Length);
        for (int i = 0; i < _modalities.Length; i++)
        {
            byte[] name = System.Text.Encoding.UTF8.GetBytes(_modalities[i].Name);
            BinaryPrimitives.WriteUInt16LittleEndian(word, (ushort)name.Length);
            buffer.Write(word, 0, 2);
            buffer.Write(name);
            U32((uint)_knots[i].Length);
            foreach (float k in _knots[i])
            {
                BinaryPrimitives.WriteSingleLittleEndian(word, k);
                buffer.Write(word);
            }
        }

        U32(Fnv1a(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
        stream.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Reads a calibration written by <see cref="WriteTo"/>, validating every field before use.</summary>
    /// <param name="stream">A readable stream positioned at the calibration.</param>
    /// <returns>The calibration.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="InvalidDataException">The data is truncated, has the wrong magic or version, fails its checksum, or holds invalid values.</exception>
    public static ScoreCalibration ReadFrom(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var copy = new MemoryStream();
        stream.CopyTo(copy);
        var data = copy.GetBuffer().AsSpan(0, (int)copy.Length);
        int pos = 0;
        uint U32(ReadOnlySpan<byte> d)
        {
            Need(d, pos, 4);
            uint v = BinaryPrimitives.ReadUInt32LittleEndian(d.Slice(pos, 4));
            pos += 4;
            return v;
        }

        if (U32(data) != Magic)
        {
            throw new InvalidDataException("Not a score calibration: wrong magic.");
        }

        uint version = U32(data);
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"Unsupported score calibration version {version}.");
        }

        uint count = U32(data);
        if (count is 0 or > 1024)
        {
            throw new InvalidDataException($"Invalid modality count {count}.");
        }

        var modalities = new Modality[count];
        var knots = new float[count][];
        for (int i = 0; i < count; i++)
        {
            Need(data, pos, 2);
            int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(data.Slice(pos, 2));
            pos += 2;
            Need(data, pos, nameLength);
            string name = System.Text.Encoding.UTF8.GetString(data.Slice(pos, nameLength));
            pos += nameLength;
            try
            {
                modalities[i] = new Modality(name);
            }
            catch (ArgumentException e)
            {
                throw new InvalidDataException($"Invalid modality name in calibration: {e.Message}", e);
            }

            uint knotCount = U32(data);
            if (knotCount is < 2 or > 65_536)
            {
                throw new InvalidDataException($"Invalid knot count {knotCount} for modality '{name}'.");
            }

            Need(data, pos, checked((int)knotCount * 4));
            var table = new float[knotCount];
            for (int j = 0; j < table.Length; j++)
            {
                table[j] = BinaryPrimitives.ReadSingleLittleEndian(data.Slice(pos, 4));
                pos += 4;
                if (!float.IsFinite(table[j]) || (j > 0 && table[j] < table[j - 1]))
                {
                    throw new InvalidDataException($"The knots of modality '{name}' are not finite and sorted.");
                }
            }

            knots[i] = table;
        }

        uint expected = Fnv1a(data[..pos]);
        if (U32(data) != expected)
        {
            throw new InvalidDataException("The score calibration fails its checksum.");
        }

        if (modalities.Distinct().Count() != modalities.Length)
        {
            throw new InvalidDataException("A modality appears twice in the calibration.");
        }

        return new ScoreCalibration(modalities, knots);
    }

    private static void Need(ReadOnlySpan<byte> data, int pos, int length)
    {
        if (length < 0 || pos + length > data.Length)
        {
            throw new InvalidDataException($"The score calibration is truncated at byte {pos}.");
        }
    }

    private static uint Fnv1a(ReadOnlySpan<byte> data)
    {
        uint hash = 2166136261;
        foreach (byte b in data)
        {
            hash = (hash ^ b) * 16777619;
        }

        return hash;
    }
}
