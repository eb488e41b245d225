using System.Text.Json;
using Json.Schema;

namespace Topo.Core.Tests.Schema;

/// <summary>The repository's topology schema, as JSON and built for checking documents.</summary>
public static class TopologySchema
{
    /// <summary>
    /// Draft 2020-12 as the schema declares it, but refusing keywords it does not know: by default a
    /// misspelt keyword ('additionalProperty') is taken as an annotation and silently checks nothing.
    /// </summary>
    private static Dialect Strict() => Dialect.Draft202012.With([], new Uri("https://json-schema.org/draft/2020-12/schema"), allowUnknownKeywords: false);

    public static JsonElement Json()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepoPaths.SchemaFile));
        return document.RootElement.Clone();
    }

    /// <summary>Throws when the schema uses a keyword or a reference that draft 2020-12 cannot honour.</summary>
    public static JsonSchema Build(JsonElement schema)
    {
        var dialects = new DialectRegistry();
        dialects.Register(Strict());
        // A registry of its own for each build: the global one would refuse the same $id twice.
        return JsonSchema.Build(schema, new BuildOptions { Dialect = Strict(), DialectRegistry = dialects, SchemaRegistry = new SchemaRegistry() });
    }

    // Built once: building compiles some hundred patterns, and the property tests check hundreds of files.
    private static readonly Lazy<JsonSchema> Topology = new(() => Build(Json()));

    public static IReadOnlyList<SchemaError> Check(string yaml)
    {
        var document = YamlToJson.Convert(yaml);
        // The yes-or-no answer is quick; the tree that places the errors is worth its cost only for a wrong document.
        if (Topology.Value.Evaluate(document, new EvaluationOptions { OutputFormat = OutputFormat.Flag }).IsValid)
            return [];
        return SchemaErrors.Of(Topology.Value.Evaluate(document, new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical }));
    }
}
