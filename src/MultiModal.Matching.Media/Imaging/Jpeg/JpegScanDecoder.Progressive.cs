namespace MultiModal.Matching.Media.Imaging.Jpeg;

/// <summary>Progressive AC passes (ITU T.81 G.1.2), following libjpeg's decode_mcu_AC_first / _refine.</summary>
internal static partial class JpegScanDecoder
{
    private static void DecodeAcFirst(JpegScan scan, JpegHuffmanTable ac, scoped Span<short> coefs, scoped ref JpegBitReader reader, ref ScanState state)
    {
        if (state.EobRun > 0)
        {
            state.EobRun--;
            return;
        }

        for (int k = scan.Ss; k <= scan.Se; k++)
        {
            int rs = reader.DecodeHuffman(ac);
            int r = rs >> 4, s = rs & 15;
            if (s != 0)
            {
                k += r;
                if (k > scan.Se)
                {
                    ImageThrow.Invalid("JPEG", "a progressive AC run passes the end of the spectral band.");
                }

                coefs[ZigZag[k]] = (short)(reader.Receive(s) * (1 << scan.Al));
            }
            else if (r == 15)
            {
                k += 15;
            }
            else
            {
                state.EobRun = (1 << r) - 1;
                if (r > 0)
                {
                    state.EobRun += reader.GetBits(r);
                }

                break;
            }
        }
    }

    private static void DecodeAcRefine(JpegScan scan, JpegHuffmanTable ac, scoped Span<short> coefs, scoped ref JpegBitReader reader, ref ScanState state)
    {
        int p1 = 1 << scan.Al;
        int m1 = -1 << scan.Al;
        int k = scan.Ss;
        int se = scan.Se;
        if (state.EobRun == 0)
        {
            for (; k <= se; k++)
            {
                int rs = reader.DecodeHuffman(ac);
                int r = rs >> 4, s = rs & 15;
                if (s != 0)
                {
                    if (s != 1)
                    {
                        ImageThrow.Invalid("JPEG", "a progressive refinement code has a magnitude other than 1.");
                    }

                    s = reader.GetBit() != 0 ? p1 : m1;
                }
                else if (r != 15)
                {
                    state.EobRun = 1 << r;
                    if (r > 0)
                    {
                        state.EobRun += reader.GetBits(r);
                    }

                    break;
                }

                do
                {
                    int z = ZigZag[k];
                    int coef = coefs[z];
                    if (coef != 0)
                    {
                        if (reader.GetBit() != 0 && (coef & p1) == 0)
                        {
                            coefs[z] = (short)(coef >= 0 ? coef + p1 : coef + m1);
                        }
                    }
                    else
                    {
                        if (--r < 0)
                        {
                            break;
                        }
                    }

                    k++;
                }
                while (k <= se);

                if (s != 0 && k <= se)
                {
                    coefs[ZigZag[k]] = (short)s;
                }
            }
        }

        if (state.EobRun > 0)
        {
            for (; k <= se; k++)
            {
                int z = ZigZag[k];
                int coef = coefs[z];
                if (coef != 0 && reader.GetBit() != 0 && (coef & p1) == 0)
                {
                    coefs[z] = (short)(coef >= 0 ? coef + p1 : coef + m1);
                }
            }

            state.EobRun--;
        }
    }
}
