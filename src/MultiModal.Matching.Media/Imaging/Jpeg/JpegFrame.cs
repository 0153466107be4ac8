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

    /// <summary>Sizes the components' buffers; planes always, coefficient buffers for progressive frames.</summary>
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

            c.Plane = GC.AllocateUninitializedArray<byte>((int)samples);
            if (Progressive)
            {
                c.Coefficients = new short[samples];
            }
        }
    }
}
