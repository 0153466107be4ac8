namespace MultiModal.Matching.Storage;

/// <summary>Hands an <see cref="ISpaceGraphSource"/> the three graph regions of a segment being written, in order.</summary>
/// <remarks>Not thread-safe; valid only during <see cref="ISpaceGraphSource.WriteGraph"/>.</remarks>
internal sealed unsafe class SpaceGraphWriter
{
    private const long Chunk = 1 << 24;

    private readonly SegmentWriter _writer;
    private int _next;

    internal SpaceGraphWriter(SegmentWriter writer) => _writer = writer;

    /// <summary>Whether all three regions were written.</summary>
    internal bool IsComplete => _next == 3;

    /// <summary>Writes the header region.</summary>
    public void WriteHeader(ReadOnlySpan<byte> header)
    {
        fixed (byte* p = header)
        {
            Write(0, SegmentRegionKind.GraphHeader, p, header.Length);
        }
    }

    /// <summary>Writes the level-0 region from <paramref name="length"/> bytes at <paramref name="data"/>.</summary>
    public void WriteLevel0(byte* data, long length) => Write(1, SegmentRegionKind.GraphLevel0, data, length);

    /// <summary>Writes the upper-layers region from <paramref name="length"/> bytes at <paramref name="data"/>.</summary>
    public void WriteUpper(byte* data, long length) => Write(2, SegmentRegionKind.GraphUpper, data, length);

    private void Write(int order, SegmentRegionKind kind, byte* data, long length)
    {
        if (_next != order)
        {
            throw new InvalidOperationException("Graph regions are written once each, in the order header, level 0, upper.");
        }

        _writer.BeginRegion(kind);
        for (long done = 0; done < length; done += Chunk)
        {
            _writer.Write(new ReadOnlySpan<byte>(data + done, (int)Math.Min(Chunk, length - done)));
        }

        _writer.EndRegion();
        _next++;
    }
}
