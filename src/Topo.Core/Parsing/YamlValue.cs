using System.Collections.Immutable;
using Topo.Core.Model;

namespace Topo.Core.Parsing;

/// <summary>
/// The document as a small tree of our own: only the three YAML shapes with their marks,
/// no anchors or tags (those are refused while reading), so the readers see plain data.
/// </summary>
internal abstract record YamlValue(SourceMark Mark);

/// <summary>A scalar's text as written; <see cref="IsPlain"/> is false for quoted and block scalars.</summary>
internal sealed record YamlScalar(SourceMark Mark, string Text, bool IsPlain) : YamlValue(Mark)
{
    /// <summary>YAML's null spellings, including the empty value of <c>box1:</c>.</summary>
    public bool IsNull => IsPlain && Text is "" or "~" or "null" or "Null" or "NULL";
}

internal sealed record YamlEntry(YamlValue Key, YamlValue Value);

internal sealed record YamlMap(SourceMark Mark, ImmutableArray<YamlEntry> Entries) : YamlValue(Mark);

internal sealed record YamlList(SourceMark Mark, ImmutableArray<YamlValue> Items) : YamlValue(Mark);
