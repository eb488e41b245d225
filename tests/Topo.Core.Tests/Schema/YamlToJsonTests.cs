namespace Topo.Core.Tests.Schema;

public sealed class YamlToJsonTests
{
    [Theory]
    [InlineData("true", "true")]
    [InlineData("False", "false")]
    [InlineData("~", "null")]
    [InlineData("null", "null")]
    [InlineData("", "null")]
    [InlineData("1400", "1400")]
    [InlineData("-7", "-7")]
    [InlineData("007", "7")]
    [InlineData("0x1F", "31")]
    [InlineData("0o17", "15")]
    [InlineData("123456789012345678901234567890", "123456789012345678901234567890")]
    [InlineData("1.5", "1.5")]
    [InlineData("yes", "\"yes\"")]                     // a boolean in YAML 1.1, a string in 1.2
    [InlineData("off", "\"off\"")]
    [InlineData("22:22", "\"22:22\"")]                 // 1342, base 60, in YAML 1.1
    [InlineData("8080:80", "\"8080:80\"")]
    [InlineData("02:42:ac:11:00:02", "\"02:42:ac:11:00:02\"")]
    [InlineData("10.0.0.1/24", "\"10.0.0.1/24\"")]
    [InlineData(".inf", "\".inf\"")]
    [InlineData("\"true\"", "\"true\"")]                // quoted scalars stay strings
    [InlineData("'1400'", "\"1400\"")]
    [InlineData("!!str 1400", "\"1400\"")]
    public void A_scalar_resolves_like_the_YAML_1_2_core_schema(string yaml, string json) =>
        Assert.Equal(json, YamlToJson.Convert($"v: {yaml}").GetProperty("v").GetRawText());

    [Fact]
    public void Mappings_and_sequences_keep_their_shape_and_order()
    {
        var json = YamlToJson.Convert("b: [1, x]\na: {c: }\n");

        Assert.Equal("""{"b":[1,"x"],"a":{"c":null}}""", json.GetRawText());
    }

    [Fact]
    public void An_alias_is_written_out_in_full_wherever_it_is_used()
    {
        var json = YamlToJson.Convert("a: &n {x: 1}\nb: *n\n");

        Assert.Equal("""{"a":{"x":1},"b":{"x":1}}""", json.GetRawText());
    }
}
