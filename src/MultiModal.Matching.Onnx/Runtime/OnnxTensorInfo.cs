namespace MultiModal.Matching.Onnx.Runtime;

/// <summary>A model input or output as the model declares it.</summary>
/// <param name="Name">The name.</param>
/// <param name="IsTensor">Whether it is a tensor (sequences and maps are not supported for running).</param>
/// <param name="ElementType">The element type (Undefined when not a tensor).</param>
/// <param name="Shape">The dimensions; -1 for a dynamic one.</param>
/// <param name="SymbolicShape">The symbolic names of the dimensions ("" when fixed or unnamed).</param>
internal sealed record OnnxTensorInfo(string Name, bool IsTensor, OnnxElementType ElementType, long[] Shape, string[] SymbolicShape)
{
    /// <summary>The shape as text, e.g. "[batch, 3, 224, 224]".</summary>
    public string ShapeText => "[" + string.Join(", ", Shape.Select((d, i) => d >= 0 ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : SymbolicShape[i].Length > 0 ? SymbolicShape[i] : "?")) + "]";
}
