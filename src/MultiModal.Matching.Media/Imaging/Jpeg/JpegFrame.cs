using System.Buffers;

namespace MultiModal.Matching.Media.Imaging.Jpeg;

/// <summary>The SOF header: size, precision, progressive flag, components and MCU geometry.</summary>
internal sealed class JpegFrame
{
    public required int Width { get; init; }

    public required int Height { get; init; }

    public required bool Progressive { get; init; }

    public required JpegComponent[] Components { get; init; }

    public int MaxH { get; init; }

    public int MaxV { get; init; }

    public int McusPerLine => (Width + (8 * MaxH) - 1) / (8 * MaxH);

    public int McuRows => (Height + (8 * MaxV) - 1) / (8 * MaxV);

    /// <summary>
    /// Rents the components' buffers from the shared pools: planes always (every sample that reaches the
    /// output is written by a scan or by <see cref="JpegScanDecoder.Finish"/>), zeroed coefficient buffers for
    /// progressive frames. <see cref="Release"/> gives them back.
    /// </summary>
    public void Allocate()
    {
        foreach (JpegComponent c in Components)
        {
            c.BlocksPerLine = McusPerLine * c.H;
            c.BlockRows = McuRows * c.V;
            c.SampleWidth = (int)(((long)Width * c.H + MaxH - 1) / MaxH);
            c.SampleHeight = (int)(((long)Height * c.V + MaxV - 1) / MaxV);
            c.UsedBlocksPerLine = (c.SampleWidth + 7) / 8;
            c.UsedBlockRows = (c.SampleHeight + 7) / 8;
            long samples = (long)c.BlocksPerLine * c.BlockRows * 64;
            if (samples > Array.MaxLength / 2)
            {
                ImageThrow.Invalid("JPEG", $"a {Width}x{Height} frame is too large for one buffer.");
            }

            c.Plane = ArrayPool<byte>.Shared.Rent((int)samples);
            if (Progressive)
            {
                c.Coefficients = ArrayPool<short>.Shared.Rent((int)samples);
                c.Coefficients.AsSpan(0, (int)samples).Clear();
            }
        }
    }

    /// <summary>Returns the buffers rented by <see cref="Allocate"/>; the components must not be used afterwards.</summary>
    public void Release()
    {
        foreach (JpegComponent c in Components)
        {
            if (c.Plane.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(c.Plane);
                c.Plane = [];
            }

            if (c.Coefficients is not null)
            {
                ArrayPool<short>.Shared.Return(c.Coefficients);
                c.Coefficients = null;
            }
        }
    }
}
