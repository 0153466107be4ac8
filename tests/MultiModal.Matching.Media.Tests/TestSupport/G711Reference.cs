namespace MultiModal.Matching.Media.Tests.TestSupport;

/// <summary>G.711 expansion written from the segment/quantisation description in the ITU-T text (oracle).</summary>
internal static class G711Reference
{
    public static int MuLaw(byte code)
    {
        int u = ~code & 0xFF;
        int segment = (u & 0x70) >> 4;
        int t = (((u & 0x0F) << 3) + 0x84) << segment;
        return (u & 0x80) != 0 ? 0x84 - t : t - 0x84;
    }

    public static int ALaw(byte code)
    {
        int a = code ^ 0x55;
        int t = (a & 0x0F) << 4;
        int segment = (a & 0x70) >> 4;
        t = segment switch
        {
            0 => t + 8,
            1 => t + 0x108,
            _ => (t + 0x108) << (segment - 1),
        };
        return (a & 0x80) != 0 ? t : -t;
    }
}
