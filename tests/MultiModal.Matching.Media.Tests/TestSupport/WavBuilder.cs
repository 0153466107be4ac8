using System.Buffers.Binary;

namespace MultiModal.Matching.Media.Tests.TestSupport;

/// <summary>Builds small little-endian WAV files chunk by chunk for synthetic decoder tests.</summary>
internal sealed class WavBuilder
{
    private readonly List<byte> _body = [];

    public static byte[] Fmt(ushort tag, ushort channels, uint rate, ushort bits, ushort? blockAlign = null)
    {
        var f = new byte[16];
        ushort align = blockAlign ?? (ushort)(channels * ((bits + 7) / 8));
        BinaryPrimitives.WriteUInt16LittleEndian(f, tag);
        BinaryPrimitives.WriteUInt16LittleEndian(f.AsSpan(2), channels);
        BinaryPrimitives.WriteUInt32LittleEndian(f.AsSpan(4), rate);
        BinaryPrimitives.WriteUInt32LittleEndian(f.AsSpan(8), rate * align);
        BinaryPrimitives.WriteUInt16LittleEndian(f.AsSpan(12), align);
        BinaryPrimitives.WriteUInt16LittleEndian(f.AsSpan(14), bits);
        return f;
    }

    public WavBuilder Chunk(string id, byte[] payload, uint? declaredSize = null, bool pad = true)
    {
        _body.AddRange(System.Text.Encoding.ASCII.GetBytes(id));
        var size = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(size, declaredSize ?? (uint)payload.Length);
        _body.AddRange(size);
        _body.AddRange(payload);
        if (pad && payload.Length % 2 == 1)
        {
            _body.Add(0);
        }

        return this;
    }

    public byte[] Build()
    {
        var file = new List<byte>();
        file.AddRange("RIFF"u8.ToArray());
        var size = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(size, (uint)(_body.Count + 4));
        file.AddRange(size);
        file.AddRange("WAVE"u8.ToArray());
        file.AddRange(_body);
        return [.. file];
    }
}
