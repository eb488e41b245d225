using Topo.Core.Parsing;
using Topo.Core.Validation;

namespace Topo.Core.Tests.Properties;

public sealed class LoadProperties
{
    [Fact]
    public void Every_generated_lab_loads_without_diagnostics() => GeneratedLabs.ForEach(lab =>
    {
        var result = lab.Load();

        Assert.True(result.Ok, string.Join("\n", result.Lines));
    });

    [Fact]
    public void The_parser_keeps_every_object_and_validation_passes() => GeneratedLabs.ForEach(lab =>
    {
        var parsed = LabParser.Parse(lab.Text);
        Assert.True(parsed.Ok, string.Join("\n", parsed.Diagnostics.Select(d => d.Format(lab.FileName))));
        var file = parsed.Lab!;
        Assert.Equal(lab.Draft.Name, file.Lab.Value);
        Assert.Equal(lab.Draft.Nodes.Select(n => n.Name), file.Nodes.Select(n => n.Name.Value));
        Assert.Equal(lab.Draft.Bridges.Select(b => b.Name), file.Bridges.Select(b => b.Name.Value));
        Assert.Equal(lab.Draft.Links.Select(l => (l.A, l.B)), file.Links.Select(l => (l.Endpoints[0].Value, l.Endpoints[1].Value)));
        Assert.Equal(lab.Draft.Checks.Length, file.Checks.Length);

        var validated = LabValidator.Validate(file);

        Assert.True(validated.Lab is not null, string.Join("\n", validated.Diagnostics.Select(d => d.Format(lab.FileName))));
        Assert.Equal(lab.Draft.Name, validated.Lab!.Lab);
        Assert.Equal(lab.Draft.Checks.Length, validated.Lab.Checks.Length);
    });
}
