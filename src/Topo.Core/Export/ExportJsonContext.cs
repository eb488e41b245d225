using System.Text.Json.Serialization;

namespace Topo.Core.Export;

/// <summary>Source-generated so that quoting a string needs no reflection under NativeAOT.</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class ExportJsonContext : JsonSerializerContext;
