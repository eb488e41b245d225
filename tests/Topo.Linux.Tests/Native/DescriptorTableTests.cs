namespace Topo.Linux.Tests.Native;

public sealed class DescriptorTableTests
{
    // More than anything else in the test process ever holds, so the table cannot have been this big before.
    private const int Wanted = 3000;

    [Fact]
    public void Reserving_grows_the_table_at_once_and_leaves_no_descriptor_open()
    {
        Assert.True(TableSize() < Wanted, $"the table already holds {TableSize()}");

        DescriptorTable.Reserve(Wanted);

        Assert.True(TableSize() >= Wanted, $"the table holds {TableSize()}");
        // The duplicate that made the room is given back.
        Assert.False(File.Exists($"/proc/self/fd/{Wanted - 1}"));
    }

    // FDSize in /proc/self/status: how many descriptors the table has room for.
    private static int TableSize() =>
        int.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith("FDSize:", StringComparison.Ordinal))["FDSize:".Length..].Trim());
}
