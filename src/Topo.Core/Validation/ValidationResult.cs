using System.Collections.Immutable;
using Topo.Core.Model;

namespace Topo.Core.Validation;

/// <summary>The validated lab, or every problem found (then <see cref="Lab"/> is null), sorted by place in the file.</summary>
public sealed record ValidationResult(ValidatedLab? Lab, ImmutableArray<Diagnostic> Diagnostics);
