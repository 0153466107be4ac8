using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace MultiModal.Matching.Evaluation;

/// <summary>
/// Reads and writes TEXMEX <c>.fvecs</c> / <c>.ivecs</c> files: each row is an int32 dimension
/// followed by that many float32 / int32 values, little-endian. Every row's dimension is checked
/// against the first and the file length against the row size before anything is read.
/// </summary>
internal static class TexmexFile
{
    /// <summary>The largest dimension accepted.</summary>
    public const int MaxDimension = 1 << 16;

    /// <summary>Reads an .fvecs file into one row-major array.</summary>
    /// <exception cref="InvalidDataException">The file is empty, truncated, has a bad or inconsistent dimension, or holds a non-finite value.</exception>
    public static float[] ReadFvecs(string path, out int rows, out int dimension, int maxRows = int.MaxValue)
    {
        float[] values = Read<float>(path, out rows, out dimension, maxRows);
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                throw new InvalidDataException($"{path}: row {i / dimension} has a non-finite value.");
            }
        }

        return values;
    }

    /// <summary>Reads an .ivecs file into one row-major array.</summary>
    /// <exception cref="InvalidDataException">The file is empty, truncated or has a bad or inconsistent dimension.</exception>
    public static int[] ReadIvecs(string path, out int rows, out int dimension, int maxRows = int.MaxValue) =>
        Read<int>(path, out rows, out dimension, maxRows);

    /// <summary>Writes rows of <paramref name="dimension"/> values as .fvecs.</summary>
    public static void WriteFvecs(string path, ReadOnlySpan<float> values, int dimension) => Write(path, values, dimension);

    /// <summary>Writes rows of <paramref name="dimension"/> values as .ivecs.</summary>
    public static void WriteIvecs(string path, ReadOnlySpan<int> values, int dimension) => Write(path, values, dimension);

    private static T[] Read<T>(string path, out int rows, out int dimension, int maxRows)
        where T : unmanaged
    {
        using FileStream stream = File.OpenRead(path);
        long length = stream.Length;
        Span<byte> head = stackalloc byte[4];
        if (length < 4 || stream.Read(head) != 4)
        {
            throw new InvalidDataException($"{path}: too short for a TEXMEX header ({length} bytes).");
        }

        dimension = BinaryPrimitives.ReadInt32LittleEndian(head);
        if (dimension < 1 || dimension > MaxDimension)
        {
            throw new InvalidDataException($"{path}: dimension {dimension} out of range 1..{MaxDimension}.");
        }

        long rowBytes = 4 + (4L * dimension);
        if (length % rowBytes != 0)
        {
            throw new InvalidDataException($"{path}: length {length} is not a multiple of the row size {rowBytes} (truncated?).");
        }

        long available = length / rowBytes;
        if (available * dimension > Array.MaxLength)
        {
            throw new InvalidDataException($"{path}: {available} rows of {dimension} are too many to load.");
        }

        rows = (int)Math.Min(available, maxRows);
        var values = new T[(long)rows * dimension];
        stream.Position = 0;
        Span<byte> bytes = MemoryMarshal.AsBytes(values.AsSpan());
        for (int r = 0; r < rows; r++)
        {
            stream.ReadExactly(head);
            int d = BinaryPrimitives.ReadInt32LittleEndian(head);
            if (d != dimension)
            {
                throw new InvalidDataException($"{path}: row {r} has dimension {d}, expected {dimension}.");
            }

            stream.ReadExactly(bytes.Slice(r * dimension * 4, dimension * 4));
        }

        return values;
    }

    private static void Write<T>(string path, ReadOnlySpan<T> values, int dimension)
        where T : unmanaged
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        if (values.Length % dimension != 0)
        {
            throw new ArgumentException("The values are not a whole number of rows.", nameof(values));
        }

        using FileStream stream = File.Create(path);
        Span<byte> head = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(head, dimension);
        ReadOnlySpan<byte> bytes = MemoryMarshal.AsBytes(values);
        for (int r = 0; r < values.Length / dimension; r++)
        {
            stream.Write(head);
            stream.Write(bytes.Slice(r * dimension * 4, dimension * 4));
        }
    }
}
