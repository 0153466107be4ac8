namespace MultiModal.Matching.Onnx;

/// <summary>ONNX Runtime's graph optimisation level (<c>GraphOptimizationLevel</c>).</summary>
public enum OnnxGraphOptimizationLevel
{
    /// <summary>No graph optimisation.</summary>
    Disabled = 0,

    /// <summary>Semantics-preserving rewrites such as constant folding and redundant node removal.</summary>
    Basic = 1,

    /// <summary>Basic plus node fusions.</summary>
    Extended = 2,

    /// <summary>Everything, including layout optimisations (ONNX Runtime's default).</summary>
    All = 99,
}
