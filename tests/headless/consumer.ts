// A small headless front end, type-checked against the API's OpenAPI document.
//
// `./api` is generated, never written by hand:
//   python manage.py export_openapi_schema tests/headless/openapi.json
//   npx openapi-typescript tests/headless/openapi.json -o tests/headless/api.d.ts
//   npx tsc -p tests/headless
// (tests/headless/test_typed_client.py does the same in a temporary folder.)

import type { components, paths } from "./api";

type Schemas = components["schemas"];
type Json<Path extends keyof paths, Status extends number = 200> =
  paths[Path]["get"]["responses"] extends Record<Status, { content: { "application/json": infer Body } }>
    ? Body
    : never;

export type Listing = Json<"/api/v2/pages/">;
export type Page = Json<"/api/v2/pages/{id}/">;
export type Story = Schemas["StoryPage"];
export type Block = Schemas["StoryBody"][number];
export type Redirect = Json<"/api/v2/pages/find/">["redirect"];

const API = "http://127.0.0.1:8000/api/v2";

async function get<Body>(url: string): Promise<Body> {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`${response.status} from ${url}`);
  }
  return (await response.json()) as Body;
}

function isStory(page: Page): page is Story {
  return page.meta.type === "stories.StoryPage";
}

/** English stories about one programme (its slug), newest first. */
export async function englishStoriesOf(programme: string) {
  const query = new URLSearchParams({
    type: "stories.StoryPage",
    locale: "en",
    programme,
    order: "-date",
    fields: "intro,date",
  });
  const listing = await get<Listing>(`${API}/pages/?${query}`);
  // In a listing every field is optional: `fields=` decides what comes.
  return listing.items.flatMap((item) =>
    item.id === undefined ? [] : [{ id: item.id, title: item.title ?? "", address: item.meta?.html_url ?? null }],
  );
}

/** One story, and its Norwegian translation when there is one. */
export async function storyWithNorwegian(id: number) {
  const page = await get<Page>(`${API}/pages/${id}/`);
  if (!isStory(page)) {
    throw new Error(`page ${id} is a ${page.meta.type}, not a story`);
  }
  const norwegian = page.translations.find((translation) => translation.locale === "nb");
  const translated = norwegian ? await get<Page>(`${API}/pages/${norwegian.id}/`) : null;
  return { story: page, norwegian: translated && isStory(translated) ? translated : null };
}

/** What the front end shows at a reader's path: a page, a redirect, or nothing. */
export async function route(path: string): Promise<{ page: Page } | { redirect: Redirect } | null> {
  // fetch() follows the 302 to the page's detail URL by itself.
  const response = await fetch(`${API}/pages/find/?html_path=${encodeURIComponent(path)}`);
  if (response.status === 404) {
    return null;
  }
  const answer = (await response.json()) as Page | Json<"/api/v2/pages/find/">;
  return "redirect" in answer ? { redirect: answer.redirect } : { page: answer };
}

function image(value: Schemas["Image"] | null, alt: string): string {
  if (value === null) {
    return "";
  }
  const sources = value.renditions.map((rendition) => `${rendition.url} ${rendition.width}w`);
  return `<img src="${value.renditions[0]?.url ?? ""}" srcset="${sources.join(", ")}" alt="${alt}">`;
}

/** Every block of a body, rendered. The switch covers every block type: when
 * the API gains one, `unhandled` no longer type-checks until it is added. */
export function render(block: Block): string {
  switch (block.type) {
    case "heading": return `<${block.value.level}>${block.value.text}</${block.value.level}>`;
    case "paragraph": return block.value;
    case "image": return `<figure>${image(block.value.image, block.value.alt_text)}</figure>`;
    case "quote": return `<blockquote>${block.value.quote}<cite>${block.value.attribution}</cite></blockquote>`;
    case "video": return `<a href="${block.value.url}">${block.value.title} (${block.value.provider})</a>`;
    case "fact_box": return `<aside><h2>${block.value.title}</h2>${block.value.body}</aside>`;
    case "key_figures": return block.value.figures.map((figure) => `${figure.value} ${figure.label}`).join("\n");
    case "gallery": return block.value.images.map((item) => image(item.image, item.alt_text)).join("");
    case "call_to_action": return `<a href="${block.value.url}">${block.value.text}</a>`;
    case "document": return `<a href="${block.value.document.url}">${block.value.title}</a>`;
    default: return unhandled(block);
  }
}

function unhandled(block: never): never {
  throw new Error(`No way to show ${JSON.stringify(block)}`);
}

export function renderBody(story: Story): string {
  return story.body.map(render).join("\n");
}
