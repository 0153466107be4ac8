namespace MultiModal.Matching.Media.Imaging.Jpeg;

/// <summary>An SOS header: the components in the scan, their tables, and the spectral selection / successive approximation.</summary>
internal sealed record JpegScan(
    JpegComponent[] Components,
    JpegHuffmanTable?[] DcTables,
    JpegHuffmanTable?[] AcTables,
    int Ss,
    int Se,
    int Ah,
    int Al);
