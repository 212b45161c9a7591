/**
 * The in-context examples shipped with the layout assistant (BlobGEN §2.3, App. A.3): each is a
 * caption with its objects, written in both stages' formats by the prompt builder. Numbers are on
 * the paper's 512×512 canvas: integer px, angle in degrees in [0, 180], and large objects, as
 * the paper asks. Half are everyday scenes (for open-vocabulary packs), half are scenes of the
 * default pack's world of coloured, patterned ellipses, whose descriptions use only its words.
 */

export interface ExampleObject {
  /** A short name, written in front of the braces ("sofa {…}"). */
  name: string;
  majorRadius: number;
  minorRadius: number;
  cx: number;
  cy: number;
  angle: number;
  /** The stage-2 sentence. */
  description: string;
}

export interface LayoutExample {
  caption: string;
  objects: ExampleObject[];
}

export const IN_CONTEXT_EXAMPLES: readonly LayoutExample[] = [
  {
    caption: 'a cat sleeping on a sofa next to a tall lamp in a cozy living room',
    objects: [
      { name: 'sofa', majorRadius: 220, minorRadius: 110, cx: 250, cy: 350, angle: 0, description: 'a grey fabric sofa with two soft cushions' },
      { name: 'cat', majorRadius: 90, minorRadius: 50, cx: 230, cy: 290, angle: 170, description: 'an orange tabby cat curled up asleep' },
      { name: 'lamp', majorRadius: 170, minorRadius: 40, cx: 440, cy: 250, angle: 90, description: 'a tall floor lamp with a white shade' },
    ],
  },
  {
    caption: 'a red sailboat on a calm lake with mountains in the background',
    objects: [
      { name: 'mountains', majorRadius: 260, minorRadius: 120, cx: 256, cy: 150, angle: 0, description: 'snow-capped blue mountains under a clear sky' },
      { name: 'lake', majorRadius: 260, minorRadius: 130, cx: 256, cy: 400, angle: 0, description: 'a calm lake reflecting the mountains' },
      { name: 'sailboat', majorRadius: 110, minorRadius: 70, cx: 230, cy: 330, angle: 90, description: 'a small sailboat with a red sail' },
    ],
  },
  {
    caption: 'a plate of pasta and a glass of wine on a wooden table',
    objects: [
      { name: 'table', majorRadius: 256, minorRadius: 180, cx: 256, cy: 330, angle: 0, description: 'a rustic wooden table with a visible grain' },
      { name: 'plate', majorRadius: 140, minorRadius: 90, cx: 210, cy: 330, angle: 0, description: 'a white plate of spaghetti with tomato sauce' },
      { name: 'glass', majorRadius: 120, minorRadius: 45, cx: 410, cy: 250, angle: 90, description: 'a glass of red wine' },
    ],
  },
  {
    caption: 'a dog catching a frisbee in a park with trees',
    objects: [
      { name: 'trees', majorRadius: 250, minorRadius: 110, cx: 256, cy: 120, angle: 0, description: 'a row of leafy green trees' },
      { name: 'dog', majorRadius: 130, minorRadius: 80, cx: 270, cy: 330, angle: 20, description: 'a brown dog leaping with its mouth open' },
      { name: 'frisbee', majorRadius: 50, minorRadius: 20, cx: 330, cy: 210, angle: 160, description: 'a yellow frisbee in the air' },
    ],
  },
  {
    caption: 'a red ball and a blue striped oval on a white background',
    objects: [
      { name: 'ball', majorRadius: 110, minorRadius: 105, cx: 150, cy: 280, angle: 0, description: 'a red ball' },
      { name: 'oval', majorRadius: 150, minorRadius: 80, cx: 360, cy: 250, angle: 30, description: 'a blue oval with white stripes' },
    ],
  },
  {
    caption: 'three shapes under a blue sky above green ground',
    objects: [
      { name: 'ellipse', majorRadius: 120, minorRadius: 70, cx: 120, cy: 300, angle: 10, description: 'a yellow ellipse with black dots' },
      { name: 'shape', majorRadius: 100, minorRadius: 90, cx: 270, cy: 220, angle: 0, description: 'a plain orange shape' },
      { name: 'oval', majorRadius: 130, minorRadius: 60, cx: 400, cy: 340, angle: 150, description: 'a purple checkered oval' },
    ],
  },
  {
    caption: 'a large green checkered blob behind a small pink spot on a gray gradient',
    objects: [
      { name: 'blob', majorRadius: 200, minorRadius: 140, cx: 256, cy: 270, angle: 160, description: 'a green blob with white checks' },
      { name: 'spot', majorRadius: 70, minorRadius: 60, cx: 330, cy: 300, angle: 0, description: 'a solid pink spot' },
    ],
  },
  {
    caption: 'a brown dotted patch at the top left and a black striped ellipse at the bottom right',
    objects: [
      { name: 'patch', majorRadius: 130, minorRadius: 100, cx: 150, cy: 140, angle: 20, description: 'a brown patch with yellow dots' },
      { name: 'ellipse', majorRadius: 150, minorRadius: 90, cx: 370, cy: 380, angle: 135, description: 'a black ellipse with white stripes' },
    ],
  },
];
