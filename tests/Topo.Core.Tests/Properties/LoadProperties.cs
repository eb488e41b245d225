namespace Topo.Core.Tests.Properties;

public sealed class LoadProperties
{
    [Fact]
    public void Every_generated_lab_loads_without_diagnostics() =>
        GeneratedLabs.ForEach(lab => Assert.True(lab.Load().Ok, string.Join("\n", lab.Load().Lines)));
}
