using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace MultiModal.Matching.Storage;

/// <summary>
/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), the checksum of every storage file.
/// Uses the SSE4.2 or ARMv8 CRC32C instructions when present, else a slicing-by-8 table.
/// </summary>
/// <remarks>
/// <see cref="Compute(ReadOnlySpan{byte})"/> returns the standard value (initial value and final XOR
/// 0xFFFFFFFF): CRC-32C("123456789") = 0xE3069283. <see cref="Append"/> continues a running value so
/// that large regions are checksummed in pieces: <c>Compute(a ++ b) == Append(Compute(a), b)</c>.
/// </remarks>
internal static class Crc32C
{
    private const uint Polynomial = 0x82F63B78u;

    private static readonly uint[] Table = BuildTable();

    /// <summary>The CRC-32C of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>Continues <paramref name="crc"/> (a previous result, 0 for none) over <paramref name="data"/>.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data) => ~Update(~crc, data);

    /// <summary>The CRC-32C of <paramref name="length"/> bytes at <paramref name="data"/>, for regions longer than a span.</summary>
    public static unsafe uint Compute(byte* data, long length)
    {
        uint state = ~0u;
        while (length > 0)
        {
            int chunk = (int)Math.Min(length, 1 << 30);
            state = Update(state, new ReadOnlySpan<byte>(data, chunk));
            data += chunk;
            length -= chunk;
        }

        return ~state;
    }

    /// <summary>The scalar table path, exposed so that tests compare it with the hardware path.</summary>
    internal static uint ComputeTable(ReadOnlySpan<byte> data) => ~UpdateTable(~0u, data);

    private static uint Update(uint state, ReadOnlySpan<byte> data)
    {
        if (Sse42.X64.IsSupported)
        {
            return UpdateSse42X64(state, data);
        }

        if (Crc32.Arm64.IsSupported)
        {
            return UpdateArm64(state, data);
        }

        return UpdateTable(state, data);
    }

    private static uint UpdateSse42X64(uint state, ReadOnlySpan<byte> data)
    {
        ref byte start = ref MemoryMarshal.GetReference(data);
        int length = data.Length;
        int i = 0;
        ulong crc = state;
        for (; i + 8 <= length; i += 8)
        {
            crc = Sse42.X64.Crc32(crc, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, i)));
        }

        uint small = (uint)crc;
        for (; i < length; i++)
        {
            small = Sse42.Crc32(small, Unsafe.Add(ref start, i));
        }

        return small;
    }

    private static uint UpdateArm64(uint state, ReadOnlySpan<byte> data)
    {
        ref byte start = ref MemoryMarshal.GetReference(data);
        int length = data.Length;
        int i = 0;
        uint crc = state;
        for (; i + 8 <= length; i += 8)
        {
            crc = Crc32.Arm64.ComputeCrc32C(crc, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, i)));
        }

        for (; i < length; i++)
        {
            crc = Crc32.ComputeCrc32C(crc, Unsafe.Add(ref start, i));
        }

        return crc;
    }

    private static uint UpdateTable(uint state, ReadOnlySpan<byte> data)
    {
        uint[] table = Table;
        int i = 0;
        for (; i + 8 <= data.Length; i += 8)
        {
            uint low = state ^ BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(i));
            uint high = BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(i + 4));
            state = table[(7 * 256) + (low & 0xFF)] ^ table[(6 * 256) + ((low >> 8) & 0xFF)]
                  ^ table[(5 * 256) + ((low >> 16) & 0xFF)] ^ table[(4 * 256) + (low >> 24)]
                  ^ table[(3 * 256) + (high & 0xFF)] ^ table[(2 * 256) + ((high >> 8) & 0xFF)]
                  ^ table[256 + ((high >> 16) & 0xFF)] ^ table[high >> 24];
        }

        for (; i < data.Length; i++)
        {
            state = table[(state ^ data[i]) & 0xFF] ^ (state >> 8);
        }

        return state;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[8 * 256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? (c >> 1) ^ Polynomial : c >> 1;
            }

            table[n] = c;
        }

        for (int slice = 1; slice < 8; slice++)
        {
            for (int n = 0; n < 256; n++)
            {
                uint previous = table[((slice - 1) * 256) + n];
                table[(slice * 256) + n] = (previous >> 8) ^ table[previous & 0xFF];
            }
        }

        return table;
    }
}
