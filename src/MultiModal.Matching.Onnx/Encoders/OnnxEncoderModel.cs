using System.Globalization;
using System.Security.Cryptography;
using MultiModal.Matching.Numerics;
using MultiModal.Matching.Onnx.Runtime;

namespace MultiModal.Matching.Onnx.Encoders;

/// <summary>
/// What the three ONNX encoders share: the session, the model file's SHA-256, the output chosen, and pooling
/// plus L2 normalisation of that output into embeddings. Thread-safe (the session is).
/// </summary>
internal sealed class OnnxEncoderModel : IDisposable
{
    private OnnxEncoderModel(OnnxSession session, string sha256, OnnxTensorInfo output, OnnxPooling pooling, bool normalize, int dimension)
    {
        Session = session;
        ModelSha256 = sha256;
        Output = output;
        Pooling = pooling;
        Normalize = normalize;
        Dimension = dimension;
    }

    public OnnxSession Session { get; }

    /// <summary>The model file's SHA-256, lower-case hex.</summary>
    public string ModelSha256 { get; }

    public OnnxTensorInfo Output { get; }

    public OnnxPooling Pooling { get; }

    public bool Normalize { get; }

    public int Dimension { get; }

    /// <summary>The largest batch the model accepts: its fixed batch dimension, or <paramref name="wanted"/> when dynamic.</summary>
    public int BatchLimit(OnnxTensorInfo input, int wanted) => input.Shape.Length > 0 && input.Shape[0] > 0 ? (int)input.Shape[0] : wanted;

    /// <summary>Opens the model, hashes the file and picks the output.</summary>
    /// <param name="modelPath">The .onnx file.</param>
    /// <param name="session">Session options.</param>
    /// <param name="outputName">The output to use; null for the first.</param>
    /// <param name="pooling">The pooling; null to choose from the output's rank (2 → Flatten, 3 → MaskedMean).</param>
    /// <param name="normalize">L2-normalise the embeddings.</param>
    /// <returns>The model.</returns>
    public static OnnxEncoderModel Open(string modelPath, OnnxSessionOptions session, string? outputName, OnnxPooling? pooling, bool normalize)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        string fullPath = Path.GetFullPath(modelPath);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"The ONNX model file '{fullPath}' does not exist.", fullPath);
        }

        string sha256;
        using (FileStream stream = File.OpenRead(fullPath))
        {
            sha256 = Convert.ToHexStringLower(SHA256.HashData(stream));
        }

        OnnxSession onnx = OnnxSession.Open(fullPath, session);
        try
        {
            OnnxTensorInfo output = outputName is null
                ? onnx.Outputs[0]
                : onnx.FindOutput(outputName) ?? throw new ArgumentException($"The model '{fullPath}' has no output '{outputName}'; its outputs are: {string.Join(", ", onnx.Outputs.Select(o => o.Name))}.", nameof(outputName));
            if (!output.IsTensor || output.ElementType != OnnxElementType.Float)
            {
                throw new ArgumentException($"Output '{output.Name}' of '{fullPath}' is not a float tensor ({output.ElementType}).", nameof(outputName));
            }

            OnnxPooling chosen = pooling ?? (output.Shape.Length == 3 ? OnnxPooling.MaskedMean : OnnxPooling.Flatten);
            int dimension = DimensionOf(output, chosen, fullPath);
            return new OnnxEncoderModel(onnx, sha256, output, chosen, normalize, dimension);
        }
        catch
        {
            onnx.Dispose();
            throw;
        }
    }

    /// <summary>The canonical configuration text shared by all ONNX encoders (model hash, output, pooling, normalisation).</summary>
    public string DescribeOutput() => string.Create(CultureInfo.InvariantCulture, $"model-sha256={ModelSha256};output={Output.Name};pool={Pooling};norm={Normalize};dim={Dimension}");

    /// <summary>Pools the chosen output of a run into <paramref name="destination"/> rows and normalises them.</summary>
    /// <param name="result">The run's outputs (must contain <see cref="Output"/>).</param>
    /// <param name="batch">Rows in the run.</param>
    /// <param name="mask">The attention mask, <c>batch × tokens</c>, or empty.</param>
    /// <param name="destination"><c>batch × Dimension</c> floats.</param>
    public void Pool(OnnxRunResult result, int batch, ReadOnlySpan<long> mask, Span<float> destination)
    {
        int index = result.IndexOf(Output.Name);
        long[] shape = result.GetShape(index);
        ReadOnlySpan<float> data = result.GetData<float>(index);
        if (shape.Length == 0 || shape[0] != batch)
        {
            throw new OnnxRuntimeException(OnnxErrorCode.Fail, $"Output '{Output.Name}' has shape [{string.Join(", ", shape)}]; its first dimension should be the batch size {batch}.");
        }

        if (Pooling == OnnxPooling.Flatten)
        {
            long per = data.Length / batch;
            if (per != Dimension)
            {
                throw new OnnxRuntimeException(OnnxErrorCode.Fail, $"Output '{Output.Name}' has {per} values per item; {Dimension} were expected.");
            }

            data.CopyTo(destination);
        }
        else
        {
            if (shape.Length != 3 || shape[2] != Dimension)
            {
                throw new OnnxRuntimeException(OnnxErrorCode.Fail, $"Output '{Output.Name}' has shape [{string.Join(", ", shape)}]; {Pooling} pooling needs [batch, tokens, {Dimension}].");
            }

            int tokens = (int)shape[1];
            for (int b = 0; b < batch; b++)
            {
                ReadOnlySpan<float> item = data.Slice(b * tokens * Dimension, tokens * Dimension);
                Span<float> row = destination.Slice(b * Dimension, Dimension);
                if (Pooling == OnnxPooling.First)
                {
                    item[..Dimension].CopyTo(row);
                    continue;
                }

                row.Clear();
                int counted = 0;
                for (int t = 0; t < tokens; t++)
                {
                    if (!mask.IsEmpty && mask[(b * tokens) + t] == 0)
                    {
                        continue;
                    }

                    System.Numerics.Tensors.TensorPrimitives.Add(row, item.Slice(t * Dimension, Dimension), row);
                    counted++;
                }

                VectorKernels.ScaleInPlace(row, 1f / Math.Max(1, counted));
            }
        }

        for (int b = 0; b < batch; b++)
        {
            Span<float> row = destination.Slice(b * Dimension, Dimension);
            if (!VectorKernels.AllFinite(row))
            {
                throw new OnnxRuntimeException(OnnxErrorCode.Fail, $"The model produced a non-finite value in output '{Output.Name}' for batch item {b}.");
            }

            if (Normalize)
            {
                VectorKernels.NormalizeInPlace(row);
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose() => Session.Dispose();

    private static int DimensionOf(OnnxTensorInfo output, OnnxPooling pooling, string path)
    {
        if (pooling == OnnxPooling.Flatten)
        {
            long product = 1;
            for (int d = 1; d < output.Shape.Length; d++)
            {
                if (output.Shape[d] <= 0)
                {
                    throw new ArgumentException($"Output '{output.Name}' of '{path}' has shape {output.ShapeText}: Flatten pooling needs every dimension after the batch to be fixed.");
                }

                product *= output.Shape[d];
            }

            return output.Shape.Length >= 1 ? checked((int)product) : throw new ArgumentException($"Output '{output.Name}' of '{path}' is a scalar.");
        }

        if (output.Shape.Length != 3 || output.Shape[2] <= 0)
        {
            throw new ArgumentException($"Output '{output.Name}' of '{path}' has shape {output.ShapeText}; {pooling} pooling needs [batch, tokens, dim] with a fixed dim.");
        }

        return (int)output.Shape[2];
    }
}
