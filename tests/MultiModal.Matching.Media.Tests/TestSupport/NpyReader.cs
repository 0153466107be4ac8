using System.Buffers.Binary;

namespace MultiModal.Matching.Media.Tests.TestSupport;

/// <summary>A minimal reader of NumPy .npy files holding little-endian float32 ('&lt;f4') in C order.</summary>
internal static class NpyReader
{
    public static (float[] Values, int[] Shape) ReadFloat32(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        Assert.That(bytes[0] == 0x93 && System.Text.Encoding.ASCII.GetString(bytes, 1, 5) == "NUMPY", Is.True, "npy magic");
        int major = bytes[6];
        int headerLength = major == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)) : (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
        int headerStart = major == 1 ? 10 : 12;
        string header = System.Text.Encoding.ASCII.GetString(bytes, headerStart, headerLength);
        Assert.That(header, Does.Contain("'descr': '<f4'"));
        Assert.That(header, Does.Contain("'fortran_order': False"));
        int open = header.IndexOf('(', StringComparison.Ordinal), close = header.IndexOf(')', StringComparison.Ordinal);
        int[] shape = header[(open + 1)..close].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();
        int count = shape.Aggregate(1, (a, b) => a * b);
        int offset = headerStart + headerLength;
        Assert.That(bytes.Length - offset, Is.EqualTo(count * 4), "npy payload size");
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(offset + (4 * i)));
        }

        return (values, shape);
    }
}
