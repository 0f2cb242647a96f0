/**
 * Every diagnostic rule id the compiler can report, with what it means and how to fix it.
 * The ids are a public contract (editors and CI match on them); docs/authoring.md lists
 * them and a test keeps that table and this one in step.
 */
export const rules = {
  'yaml-syntax': 'The YAML cannot be read. Check indentation, colons and quotes at the place shown.',
  'manifest-missing': 'A program folder needs a program.yaml manifest. Create it from the example in docs/authoring.md.',
  'manifest-schema': 'A key in program.yaml is missing, unknown or has the wrong kind of value. The message names the key and what is expected.',
  'program-id-mismatch': "The manifest's id must equal the folder name. Rename one of them (ids are permanent once published).",
  'front-matter-missing': 'A section file must start with YAML front matter between two --- lines (id, title, summary, estimatedMinutes).',
  'front-matter-schema': 'A key in the front matter is missing, unknown or has the wrong kind of value. The message names the key and what is expected.',
  'section-file-name': 'Section files are named NN-slug.md (two digits, a dash, lower-case words), e.g. 01-velkommen.md.',
  'section-numbering-gap': 'Section numbers must run 01, 02, 03 ... without gaps or repeats. Renumber the files.',
  'section-none': 'A program needs at least one section in sections/.',
  'section-empty': 'A section has no content besides its front matter. Write the part, or remove the file.',
  'directive-unknown': 'Unknown directive. The directives are :::exercise, ::field, ::questionnaire and :::note; check the spelling and the number of colons.',
  'directive-misplaced': '::field belongs directly inside an :::exercise; exercises and questionnaires cannot sit inside notes or other exercises.',
  'attribute-unknown': 'The directive does not take this attribute. The message lists the ones it takes.',
  'attribute-invalid': 'The attribute has a value the directive cannot use. The message says what is expected.',
  'attribute-missing': 'The directive needs this attribute. Add it inside {...}, e.g. {#my-id kind=form}.',
  'id-duplicate': 'Ids are unique within a program (they are the permanent keys of stored answers). Choose another id; the message points at the first use.',
  'label-missing': 'A field needs its question as a label: ::field[Hva skjedde?]{#situation type=longtext}. An exercise needs a title: :::exercise[Tittel]{...}.',
  'exercise-no-fields': 'An exercise needs at least one ::field for the person to fill in.',
  'questionnaire-ref-unknown': 'The questionnaire is not defined in programs/instruments/. Use one of the ids the message lists, or add the instrument.',
  'questionnaire-not-displayable': 'This questionnaire has no wording that may be shown to a person (licensed text not installed). Use it for scoring only or install the official text.',
  'container-unclosed': 'A ::: container is not closed. End it with a line of as many colons as it opened with; an outer container around an inner one needs more colons (::::exercise around :::note).',
  'image-alt-missing': 'Images need alt text that says what the image shows: ![En person som går tur](../assets/tur.jpg).',
  'asset-missing': "The image or file is not in the program's assets/ folder. Add it, or fix the path.",
  'html-raw': 'Raw HTML is not allowed: the content is shown inside partner apps. Use Markdown or a directive instead.',
  'link-broken': 'The link points to a section file that does not exist. Link to an existing file such as ./02-kroppen.md.',
  'link-invalid': 'Links must be https:, http:, mailto: or tel: addresses, or a relative link to another section file.',
  'text-directive-restored': 'A colon followed by letters was read as a text directive and kept as plain text. If you meant plain text, write it with a space after the colon or escape it as \\:.',
  'instrument-schema': 'An instrument definition has a missing, unknown or wrong key. The message names the key and what is expected.',
  'instrument-id-mismatch': "An instrument's id must equal its file name (without .yaml).",
  'measurement-ref-unknown': 'The measurement plan names a questionnaire that is not defined in programs/instruments/.',
  'overlay-item-unknown': 'An official wording overlay names an item id that the instrument does not have.',
  'overlay-item-missing': 'An official wording overlay lacks the text of an item of the instrument.',
  'scoring-missing': 'A scored instrument needs scoring rules (total, subscales or classification); a form has none. Add scoring: or set kind: form.',
  'scoring-item-unknown': 'A scoring rule names an item id the instrument does not have. Use one of the ids under items:.',
  'scoring-band-overlap': 'Two severity bands share a score. Bounds are inclusive: the next band starts one above the previous max.',
  'scoring-band-gap': 'The severity bands leave scores without a band, or reach past the possible range. Make them cover every score from the lowest to the highest possible, without gaps.',
  'scoring-reverse-invalid': 'Only choice items with numeric options can be reverse-scored. Remove the item from reverse: or make it a choice item.',
} as const;

export type RuleId = keyof typeof rules;
